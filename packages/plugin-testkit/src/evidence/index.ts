export * from './shape';
export * from './evidence-file';
export * from './replay-server';
export * from './scripted-client';
