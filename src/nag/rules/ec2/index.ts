export * from './security-group-no-public-ingress';
