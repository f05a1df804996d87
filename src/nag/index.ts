// Public API of the pack: the pack itself and the rule-ID constants. The catalog holds functions (not jsii-expressible)
// and stays internal (see STYLE.md §6).
export * from './hitrust-checks';
export * from './rule-ids';
