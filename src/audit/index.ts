export * from './cache-audit-trail';
export * from './cache-config-rules';
export * from './compliant-trail';
