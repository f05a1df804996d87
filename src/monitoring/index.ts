export * from './cache-alarms';
