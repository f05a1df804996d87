import * as cxapi from 'aws-cdk-lib/cx-api';

/** What `npx projen example` prints after synth. */
export interface ExampleSummary {
  readonly outdir: string;
  readonly stacks: { readonly name: string; readonly resources: number }[];
}

/** Reads the synthesized cloud assembly. */
export function summarize(assembly: cxapi.CloudAssembly): ExampleSummary {
  return {
    outdir: assembly.directory,
    stacks: assembly.stacks.map((s) => ({
      name: s.stackName,
      resources: Object.keys(s.template.Resources ?? {}).length,
    })),
  };
}

/** Prints the summary as a few plain lines. */
export function printSummary(summary: ExampleSummary): void {
  process.stdout.write(`Synthesized into ${summary.outdir}\n`);
  for (const stack of summary.stacks) {
    process.stdout.write(`  ${stack.name}: ${stack.resources} resources\n`);
  }
}
