export * from './topic-customer-managed-key';
export * from './topic-ssl-only';
