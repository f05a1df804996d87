import * as fs from 'fs';
import * as path from 'path';
import * as cxapi from 'aws-cdk-lib/cx-api';

/** One control of the evidence report, as the summary shows it. */
export interface ControlLine {
  readonly controlId: string;
  readonly status: string;
  readonly title: string;
}

/** What `npx projen example` prints after synth. */
export interface ExampleSummary {
  readonly outdir: string;
  readonly stacks: { readonly name: string; readonly resources: number }[];
  /** Count of controls per status (met, not met, acknowledged, attestation missing ...). */
  readonly controlTotals: { readonly [status: string]: number };
  /** Every control that is not met, with its status. */
  readonly openControls: ControlLine[];
  /** The evidence files written by the pack. */
  readonly evidenceFiles: string[];
}

/** Reads the synthesized cloud assembly and the HITRUST evidence report in it. */
export function summarize(assembly: cxapi.CloudAssembly): ExampleSummary {
  const evidencePath = path.join(assembly.directory, 'hitrust-evidence.json');
  const evidence = JSON.parse(fs.readFileSync(evidencePath, 'utf-8')) as {
    totals: { [status: string]: number };
    controls: { controlId: string; status: string; title: string }[];
  };
  return {
    outdir: assembly.directory,
    stacks: assembly.stacks.map((s) => ({
      name: s.stackName,
      resources: Object.keys(s.template.Resources ?? {}).length,
    })),
    controlTotals: Object.fromEntries(Object.entries(evidence.totals).filter(([, n]) => n > 0)),
    openControls: evidence.controls
      .filter((c) => c.status !== 'met')
      .map((c) => ({ controlId: c.controlId, status: c.status, title: c.title })),
    evidenceFiles: ['hitrust-evidence.json', 'hitrust-evidence.md'].map((f) => path.join(assembly.directory, f)),
  };
}

/** Prints the summary as a few plain lines. */
export function printSummary(summary: ExampleSummary): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`Synthesized into ${summary.outdir} with zero HITRUST.CSF findings (any finding fails the synth)`);
  for (const stack of summary.stacks) out(`  ${stack.name}: ${stack.resources} resources`);
  out(`HITRUST controls: ${Object.entries(summary.controlTotals).map(([status, n]) => `${n} ${status}`).join(', ')}`);
  for (const c of summary.openControls) out(`  ${c.controlId} (${c.title}): ${c.status}`);
  out(`Evidence for the auditor: ${summary.evidenceFiles.join(', ')}`);
}
