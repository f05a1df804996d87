export * from './log-group-encrypted';
export * from './log-group-retention';
