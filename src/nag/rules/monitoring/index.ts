export * from './alarm-actions';
export * from './rule-targets';
