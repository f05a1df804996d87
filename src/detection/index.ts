export * from './cache-change-detection';
export * from './watched-events';
