import * as fs from 'fs';
import * as path from 'path';
import { HITRUST_RULES } from '../../src/nag/catalog';
import { renderRulesMarkdown } from '../../src/nag/rules-doc';

describe('RULES.md', () => {
  test('is up to date with the catalog (regenerate with the rules:doc task)', () => {
    // GIVEN
    const committed = fs.readFileSync(path.join(__dirname, '..', '..', 'RULES.md'), 'utf-8');

    // WHEN
    const rendered = renderRulesMarkdown();

    // THEN
    expect(committed).toEqual(rendered);
  });

  test('lists every rule with its control IDs', () => {
    // WHEN
    const rendered = renderRulesMarkdown();

    // THEN
    for (const rule of HITRUST_RULES) {
      expect(rendered).toContain(`| \`HITRUST.CSF-${rule.id}\` | ${rule.level} | ${rule.controls.join(', ')} | ${rule.guideStep} |`);
    }
  });

  test('documents the resolution policy', () => {
    expect(renderRulesMarkdown()).toContain('## Resolution policy');
  });
});
