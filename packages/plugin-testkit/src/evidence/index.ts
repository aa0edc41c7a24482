export * from './shape';
export * from './evidence-file';
export * from './replay-server';
export * from './scripted-client';
export * from './replay-per-test';
export * from './evidence-folder';
export * from './replay-connection';
