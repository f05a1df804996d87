// Public API of cdk-hitrust-redis: re-exports only (see STYLE.md §1).
// Each feature folder (src/redis, src/nag, ...) adds its `export * from` line here.
export {};
