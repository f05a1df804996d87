import { execFileSync } from 'child_process';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');

/** What the npm package would hold, as `npm pack` lists it (nothing is built or written). */
function packedFiles(): string[] {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'],
  });
  return (JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0].files.map((f) => f.path);
}

/** The compiled library, its Lambda assets, the jsii assembly and tablet, and the documents. */
const SHIPPED = /^(lib\/.+\.(js|d\.ts)|assets\/.+|\.jsii|\.jsii\.tabl\.json|API\.md|README\.md|RULES\.md|LICENSE|package\.json)$/;

describe('the npm package', () => {
  const files = packedFiles();

  // lib/ and .jsii exist only after a compile; these are committed
  test('ships the package manifest and the docs', () => {
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'API.md', 'RULES.md', 'LICENSE']));
  });

  test('ships nothing else than the library, its assets and its docs (no bench/, cdk.out/, examples/, .ci/)', () => {
    expect(files.filter((f) => !SHIPPED.test(f))).toEqual([]);
  });
});
