// The closing line of .ci/run: `N passed, N failed` over every test run of the job, jest's JSON results and the JUnit
// XML of pytest and Maven Surefire alike. Fails when a run is missing, ran no test, or failed.
//   node .ci/summary.js --jest a.json b.json --junit pytest.xml 'examples/java/target/surefire-reports'
'use strict';
const fs = require('fs');
const path = require('path');

const runs = [];
let kind;
for (const arg of process.argv.slice(2)) {
  if (arg === '--jest' || arg === '--junit') { kind = arg.slice(2); continue; }
  if (!fs.existsSync(arg)) { console.error(`no test results at ${arg}`); process.exit(1); }
  if (kind === 'jest') {
    const r = JSON.parse(fs.readFileSync(arg, 'utf8'));
    runs.push({ name: arg, total: r.numTotalTests, passed: r.numPassedTests, failed: r.numFailedTests + r.numRuntimeErrorTestSuites, ok: r.success });
  } else {
    const files = fs.statSync(arg).isDirectory()
      ? fs.readdirSync(arg).filter((f) => /^TEST-.*\.xml$/.test(f)).map((f) => path.join(arg, f))
      : [arg];
    const run = { name: arg, total: 0, passed: 0, failed: 0, ok: true };
    for (const file of files) {
      for (const [tag] of fs.readFileSync(file, 'utf8').matchAll(/<testsuite\b[^>]*>/g)) {
        const n = (attr) => Number((tag.match(new RegExp(`\\b${attr}="(\\d+)"`)) || [0, 0])[1]);
        run.total += n('tests');
        run.failed += n('failures') + n('errors');
        run.passed += n('tests') - n('failures') - n('errors') - n('skipped');
      }
    }
    run.ok = run.failed === 0;
    runs.push(run);
  }
}
for (const r of runs) console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed of ${r.total}`);
const empty = runs.filter((r) => r.total === 0);
if (empty.length > 0) { console.error(`ran no test: ${empty.map((r) => r.name).join(', ')}`); process.exit(1); }
const passed = runs.reduce((sum, r) => sum + r.passed, 0);
const failed = runs.reduce((sum, r) => sum + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(runs.length > 0 && runs.every((r) => r.ok) && failed === 0 ? 0 : 1);
