export * from './simulator';
export * from './openapi';
