/**
 * Renders RULES.md from the rule catalog (the catalog is the single source of truth).
 * Not exported from the package index: it is called by the `rules:doc` task and by the staleness test.
 */
export function renderRulesMarkdown(): string {
  return '# HITRUST.CSF rules\n\nThe catalog is not written yet.\n';
}
