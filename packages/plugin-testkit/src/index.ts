export * from './simulator';
export * from './openapi';
export * from './contract';
export * from './fixtures';
export * from './evidence';
