export * from './cache-audit-trail';
export * from './compliant-trail';
