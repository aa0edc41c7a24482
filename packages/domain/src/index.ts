export * from './target-stock';
