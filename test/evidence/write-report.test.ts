import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { evaluation, sampleInput } from './sample';
import { buildEvidenceReport, EvidenceStatus, EVIDENCE_JSON_FILE, EVIDENCE_MARKDOWN_FILE, renderEvidenceMarkdown, writeEvidenceReport } from '../../src/evidence';

describe('writing the evidence report', () => {
  let outdir: string;
  beforeEach(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-'));
  });
  afterEach(() => {
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  test('writes the JSON and the Markdown next to each other', () => {
    // GIVEN
    const report = buildEvidenceReport(sampleInput([evaluation('MultiAZ', 'App/Cache', EvidenceStatus.COMPLIANT)]));

    // WHEN
    const files = writeEvidenceReport(outdir, report);

    // THEN
    expect(files).toEqual([path.join(outdir, EVIDENCE_JSON_FILE), path.join(outdir, EVIDENCE_MARKDOWN_FILE)]);
    expect(JSON.parse(fs.readFileSync(files[0], 'utf-8'))).toEqual(report);
    expect(fs.readFileSync(files[1], 'utf-8')).toBe(renderEvidenceMarkdown(report));
  });

  test('creates the directory when it does not exist yet', () => {
    // GIVEN
    const nested = path.join(outdir, 'nested', 'assembly');

    // WHEN
    writeEvidenceReport(nested, buildEvidenceReport(sampleInput([])));

    // THEN
    expect(fs.readdirSync(nested).sort()).toEqual([EVIDENCE_JSON_FILE, EVIDENCE_MARKDOWN_FILE]);
  });
});
