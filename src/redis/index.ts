export * from './cache-authentication';
export * from './cache-engine-version';
export * from './cache-node-type';
export * from './compliant-redis-replication-group';
export * from './props';
export * from './replacement-guard';
export * from './replication-group-base';
