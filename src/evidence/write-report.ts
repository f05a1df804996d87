import * as fs from 'fs';
import * as path from 'path';
import type { EvidenceReport } from './model';
import { renderEvidenceMarkdown } from './render-markdown';

/** File name of the machine-readable report in the cloud assembly directory. */
export const EVIDENCE_JSON_FILE = 'hitrust-evidence.json';
/** File name of the auditor-facing report in the cloud assembly directory. */
export const EVIDENCE_MARKDOWN_FILE = 'hitrust-evidence.md';

/**
 * Writes hitrust-evidence.json and hitrust-evidence.md into `outdir`.
 *
 * @returns the paths written.
 */
export function writeEvidenceReport(outdir: string, report: EvidenceReport): string[] {
  fs.mkdirSync(outdir, { recursive: true });
  const files: Array<[string, string]> = [
    [path.join(outdir, EVIDENCE_JSON_FILE), `${JSON.stringify(report, undefined, 2)}\n`],
    [path.join(outdir, EVIDENCE_MARKDOWN_FILE), renderEvidenceMarkdown(report)],
  ];
  for (const [file, content] of files) {
    fs.writeFileSync(file, content);
  }
  return files.map(([file]) => file);
}
