export * from './snapshot-archive';
