// Public API of cdk-hitrust-redis: re-exports only (see STYLE.md §1).
export * from './redis';
export * from './nag';
export * from './audit';
export * from './rotation';
export * from './archive';
export * from './detection';
export * from './monitoring';
