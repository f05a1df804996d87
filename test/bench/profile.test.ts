import { packageOf, shortFileName, summarizeProfile, type CpuProfile } from '../../bench/profile';

describe('shortFileName and packageOf', () => {
  test.each([
    { url: 'file:///work/main/node_modules/aws-cdk-lib/core/lib/stack.js', file: 'aws-cdk-lib/core/lib/stack.js', pkg: 'aws-cdk-lib/core' },
    { url: 'file:///work/main/node_modules/cdk-nag/lib/nag-pack.js', file: 'cdk-nag/lib/nag-pack.js', pkg: 'cdk-nag' },
    { url: 'file:///work/main/bench/.build/src/nag/hitrust-checks.js', file: 'src/nag/hitrust-checks.ts', pkg: 'src/nag' },
    { url: 'node:internal/fs/utils', file: 'node:internal/fs/utils', pkg: 'node' },
    { url: '', file: '(native)', pkg: '(native)' },
  ])('$url is $file in $pkg', ({ url, file, pkg }) => {
    expect(shortFileName(url)).toBe(file);
    expect(packageOf(file)).toBe(pkg);
  });
});

describe('summarizeProfile', () => {
  // root -> a (lib.js) -> b (lib.js) -> a again (recursion); samples: 1 ms in b, 2 ms in the inner a, 3 ms in gc
  const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0 });
  const LIB = 'file:///x/node_modules/lib/index.js';
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: frame('(root)', ''), children: [2, 5] },
      { id: 2, callFrame: frame('a', LIB), children: [3] },
      { id: 3, callFrame: frame('b', LIB), children: [4] },
      { id: 4, callFrame: frame('a', LIB) },
      { id: 5, callFrame: frame('(garbage collector)', '') },
    ],
    samples: [3, 4, 5],
    timeDeltas: [1000, 2000, 3000],
  };

  test('self time lands where the sample is; total time counts a function once per sample under recursion', () => {
    const summary = summarizeProfile(profile);
    expect(summary.totalMs).toBe(6);
    expect(summary.functions.find((f) => f.key === 'a (lib/index.js:1)')).toEqual({ key: 'a (lib/index.js:1)', selfMs: 2, totalMs: 3 });
    expect(summary.functions.find((f) => f.key === 'b (lib/index.js:1)')).toEqual({ key: 'b (lib/index.js:1)', selfMs: 1, totalMs: 3 });
    expect(summary.functions[0]).toEqual({ key: '(garbage collector)', selfMs: 3, totalMs: 3 });
  });

  test('sums files and packages', () => {
    const summary = summarizeProfile(profile);
    expect(summary.files.find((f) => f.key === 'lib/index.js')).toEqual({ key: 'lib/index.js', selfMs: 3, totalMs: 3 });
    expect(summary.packages.find((p) => p.key === 'lib')).toEqual({ key: 'lib', selfMs: 3, totalMs: 3 });
    expect(summary.packages.find((p) => p.key === '(root)')?.totalMs).toBe(6);
  });
});
