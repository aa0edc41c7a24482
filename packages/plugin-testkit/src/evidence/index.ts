export * from './shape';
export * from './evidence-file';
