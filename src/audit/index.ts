export * from './compliant-trail';
