/**
 * Reads a V8 CPU profile (`node --cpu-prof`, a .cpuprofile JSON file) and sums the time by function and by
 * file: self time (where the samples landed) and total time (samples with the function anywhere on the
 * stack, each counted once per sample even under recursion). Pure functions; bench/run.ts prints the result.
 */

/** The parts of a .cpuprofile this module reads. */
export interface CpuProfile {
  readonly nodes: readonly CpuProfileNode[];
  /** The leaf node ID of each sample. */
  readonly samples: readonly number[];
  /** Microseconds since the previous sample, one per sample. */
  readonly timeDeltas: readonly number[];
}

/** A node of the call tree. */
export interface CpuProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

/** Time spent in one function or file. */
export interface ProfileEntry {
  /** `function (file:line)` or the file. */
  readonly key: string;
  readonly selfMs: number;
  readonly totalMs: number;
}

/** The time of a profile, summed. */
export interface ProfileSummary {
  readonly totalMs: number;
  /** By function, the largest self time first. */
  readonly functions: ProfileEntry[];
  /** By file, the largest self time first. */
  readonly files: ProfileEntry[];
  /** By package (`aws-cdk-lib/<module>`, `cdk-nag`, `src/<folder>`, `node`, `(garbage collector)` ...). */
  readonly packages: ProfileEntry[];
}

/**
 * A short, stable name of a script URL: the path inside node_modules or inside the benchmark's build
 * (bench/.build/src/x.js is reported as src/x.ts), `node:…` for node internals, `(native)` otherwise.
 */
export function shortFileName(url: string): string {
  if (url === '') return '(native)';
  if (url.startsWith('node:')) return url;
  const pathName = url.replace(/^file:\/\//, '');
  const inModules = pathName.lastIndexOf('/node_modules/');
  if (inModules >= 0) return pathName.slice(inModules + '/node_modules/'.length);
  const inBuild = pathName.lastIndexOf('/bench/.build/');
  if (inBuild >= 0) return pathName.slice(inBuild + '/bench/.build/'.length).replace(/\.js$/, '.ts');
  return pathName;
}

/** The package of a short file name: `aws-cdk-lib/core`, `cdk-nag`, `src/nag`, `node`, or the name itself. */
export function packageOf(file: string): string {
  if (file.startsWith('node:')) return 'node';
  if (file.startsWith('(')) return file;
  const parts = file.split('/');
  if (parts[0] === 'aws-cdk-lib' || parts[0] === 'src' || parts[0] === 'bench') return parts.slice(0, 2).join('/');
  if (parts[0].startsWith('@')) return parts.slice(0, 2).join('/');
  return parts[0];
}

/** Sums a profile by function, file and package. */
export function summarizeProfile(profile: CpuProfile): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const functionKey = (node: CpuProfileNode): string => {
    const file = shortFileName(node.callFrame.url);
    if (file.startsWith('(')) return node.callFrame.functionName || '(anonymous)';
    return `${node.callFrame.functionName || '(anonymous)'} (${file}:${node.callFrame.lineNumber + 1})`;
  };
  const keysOf = (node: CpuProfileNode) => {
    const file = shortFileName(node.callFrame.url);
    // the root, (program), (idle) and (garbage collector) nodes have no script: they count under their own name
    const fileKey = file === '(native)' ? `(${node.callFrame.functionName.replace(/[()]/g, '') || 'native'})` : file;
    return { fn: functionKey(node), file: fileKey, pkg: packageOf(fileKey) };
  };

  const tables = { fn: new Map<string, { self: number; total: number }>(), file: new Map(), pkg: new Map() } as
    Record<'fn' | 'file' | 'pkg', Map<string, { self: number; total: number }>>;
  const add = (table: Map<string, { self: number; total: number }>, key: string, self: number, total: number) => {
    const entry = table.get(key) ?? { self: 0, total: 0 };
    entry.self += self;
    entry.total += total;
    table.set(key, entry);
  };

  let totalUs = 0;
  profile.samples.forEach((leafId, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    totalUs += delta;
    const leaf = byId.get(leafId);
    if (leaf === undefined) return;
    const leafKeys = keysOf(leaf);
    for (const kind of ['fn', 'file', 'pkg'] as const) add(tables[kind], leafKeys[kind], delta, 0);
    const seen = { fn: new Set<string>(), file: new Set<string>(), pkg: new Set<string>() };
    for (let id: number | undefined = leafId; id !== undefined; id = parent.get(id)) {
      const keys = keysOf(byId.get(id)!);
      for (const kind of ['fn', 'file', 'pkg'] as const) {
        if (!seen[kind].has(keys[kind])) {
          seen[kind].add(keys[kind]);
          add(tables[kind], keys[kind], 0, delta);
        }
      }
    }
  });

  const sorted = (table: Map<string, { self: number; total: number }>): ProfileEntry[] =>
    [...table.entries()]
      .map(([key, { self, total }]) => ({ key, selfMs: self / 1000, totalMs: total / 1000 }))
      .sort((a, b) => b.selfMs - a.selfMs || b.totalMs - a.totalMs);
  return { totalMs: totalUs / 1000, functions: sorted(tables.fn), files: sorted(tables.file), packages: sorted(tables.pkg) };
}
