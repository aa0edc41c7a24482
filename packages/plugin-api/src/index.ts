// The plugin API: the contract between the hub (a host) and an integration plugin, and nothing else:
// types, the error taxonomy, the neutral stock values, the schemas as data and the version. No dependencies.
export * from './version';
export * from './target-stock';
export * from './errors';
export * from './http-client';
export * from './contract';
export * from './keep';
export * from './oauth';
export * from './notices';
export * from './schemas';
