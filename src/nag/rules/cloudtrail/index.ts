export * from './cloudwatch-logs';
export * from './encrypted';
export * from './log-file-validation';
export * from './logging';
export * from './multi-region';
