/**
 * Makes the cloud assemblies of this repository's integration test apps readable by integ-runner 2.197.10, the newest
 * this project's registry serves, and their snapshots the same on every machine.
 *
 * 1. integ-runner 2.197.10 reads cloud assembly schema versions up to 53; aws-cdk-lib 2.275 writes 55
 *    ("AssemblyVersionMismatch: Maximum schema version supported is 53.x.x, but found 55.0.0"), so neither the offline
 *    snapshot check nor a deployment gets past the synthesis. Versions 54 and 55 only added a metadata entry type
 *    (`PropertyMutationMetadataEntry`) and an optional integ test case option (`allowDeleteFailures`), neither of which
 *    this test writes or integ-runner needs: the manifests' schema version is relabelled 53.0.0, nothing else changes.
 * 2. aws-cdk-lib 2.275 writes construct metadata to `<stack>.metadata.json`, which integ-runner 2.197.10 does not clean
 *    as it cleans the manifest, and records a stack trace (absolute paths of the machine) with every acknowledged
 *    validation rule, whatever the context: the traces are dropped. (Creation stack traces are switched off in the app.)
 *
 * Remove this once an integ-runner that reads schema 55 and cleans the metadata files is available.
 */
import * as fs from 'fs';
import * as path from 'path';

/** The newest cloud assembly schema version that integ-runner 2.197.10 reads. */
export const READABLE_SCHEMA_VERSION = '53.0.0';

/** The files of a cloud assembly whose top-level `version` is the schema version. */
const VERSIONED_FILES = /^(manifest\.json|integ\.json|cdk\.out|.+\.assets\.json)$/;
/** The files aws-cdk-lib writes a stack's construct metadata to: `{ "<construct path>": [ { type, data, trace? } ] }`. */
const METADATA_FILES = /^.+\.metadata\.json$/;

/** Prepares the cloud assembly in `directory` (what `app.synth()` wrote) for integ-runner 2.197.10. */
export function makeReadableByIntegRunner(directory: string): void {
  for (const file of fs.readdirSync(directory)) {
    if (VERSIONED_FILES.test(file)) relabelSchemaVersion(path.join(directory, file));
    if (METADATA_FILES.test(file)) dropTraces(path.join(directory, file));
  }
}

function relabelSchemaVersion(file: string): void {
  const text = fs.readFileSync(file, 'utf-8');
  const version: unknown = JSON.parse(text).version;
  if (typeof version !== 'string' || !/^\d+\.\d+\.\d+$/.test(version) || major(version) <= major(READABLE_SCHEMA_VERSION)) {
    return;
  }
  // the top-level `version` is the first key aws-cdk-lib writes in each of these files, indented or not
  const relabelled = text.replace(/("version"\s*:\s*")\d+\.\d+\.\d+"/, `$1${READABLE_SCHEMA_VERSION}"`);
  if (JSON.parse(relabelled).version !== READABLE_SCHEMA_VERSION) {
    throw new Error(`could not relabel the cloud assembly schema version of ${file}`);
  }
  fs.writeFileSync(file, relabelled);
}

function dropTraces(file: string): void {
  const metadata: Record<string, Array<Record<string, unknown>>> = JSON.parse(fs.readFileSync(file, 'utf-8'));
  for (const entries of Object.values(metadata)) {
    for (const entry of entries) delete entry.trace;
  }
  // as aws-cdk-lib writes it
  fs.writeFileSync(file, JSON.stringify(metadata, undefined, 2), 'utf-8');
}

function major(version: string): number {
  return Number(version.split('.')[0]);
}
