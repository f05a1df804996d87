import { awscdk, javascript, JsonFile, TextFile } from 'projen';

/**
 * Single source of truth for package.json, tsconfig, tasks and CI files.
 * Change this file and run `npx projen`; never edit the generated files.
 */

const CDK_VERSION = '2.276.0'; // < 2.276 breaks cdk-nag 3 (see shared/FIELD-NOTES.md §1)
const CONSTRUCTS_VERSION = '10.8.1';
const CDK_NAG_VERSION = '^3.0.2';

/** Where jest writes its machine-readable results; `.ci/run` reads the pass/fail counts from it. */
const JEST_RESULTS = 'test-reports/jest-results.json';
/** Where `test:thorough` writes its results; `.ci/run` adds them to the count. */
const JEST_THOROUGH_RESULTS = 'test-reports/jest-thorough.json';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-hitrust-redis',
  description:
    'HITRUST CSF / HIPAA compliant Amazon ElastiCache (Redis OSS and Valkey) for AWS CDK: an L3 construct, a cdk-nag 3 pack with HITRUST control IDs, change detection and an evidence report.',
  author: 'cdk-hitrust-redis developers',
  authorAddress: 'cdk-hitrust-redis@users.noreply.github.com',
  repositoryUrl: 'https://github.com/cdk-hitrust-redis/cdk-hitrust-redis.git',
  license: 'Apache-2.0',
  keywords: ['aws-cdk', 'cdk', 'elasticache', 'redis', 'valkey', 'hitrust', 'hipaa', 'phi', 'cdk-nag', 'compliance'],
  defaultReleaseBranch: 'main',
  projenrcTs: true,
  packageManager: javascript.NodePackageManager.NPM,
  minNodeVersion: '20.0.0',

  // --- versions -------------------------------------------------------------
  cdkVersion: CDK_VERSION,
  constructsVersion: CONSTRUCTS_VERSION,
  jsiiVersion: '~6.0.0',
  typescriptVersion: '~5.9.0',
  peerDeps: [`cdk-nag@${CDK_NAG_VERSION}`],
  devDeps: [
    `cdk-nag@${CDK_NAG_VERSION}`,
    'jsii-rosetta@~6.0.0',
    'ts-node',
    'fast-check',
    // Lambda handlers (src/**/*.lambda.ts), bundled by esbuild; the SDK v3 is provided by the runtime
    '@aws-sdk/client-elasticache',
    '@aws-sdk/client-secrets-manager',
    '@aws-sdk/client-s3',
    '@aws-sdk/client-sns',
    '@types/aws-lambda',
    'aws-sdk-client-mock',
    'aws-sdk-client-mock-jest',
    // AWS's policy evaluation logic, offline: every publish path (alarm, rule -> topic policy -> key policy) is
    // evaluated in test/engines/ (issue 14)
    '@cloud-copilot/iam-simulate@0.1.173',
    // The field's own tools over the variant matrix (issue 17): the AWS Control Tower proactive controls as Guard
    // rules, with a static cfn-guard binary; and the integration test's constructs and runner. integ-tests-alpha is
    // not published for 2.276 on this registry: 2.245.0-alpha.0 is the newest, and its peer range covers 2.276.
    '@cdklabs/cdk-validator-cfnguard@0.0.62',
    '@aws-cdk/integ-tests-alpha@2.245.0-alpha.0',
    '@aws-cdk/integ-runner@2.197.10',
  ],
  // AwsSolutions-L1 wants the newest runtime that aws-cdk-lib knows
  lambdaOptions: { runtime: awscdk.LambdaRuntime.NODEJS_24_X },

  // --- jsii targets -----------------------------------------------------------
  publishToPypi: {
    distName: 'cdk-hitrust-redis',
    module: 'cdk_hitrust_redis',
  },
  publishToMaven: {
    javaPackage: 'io.github.cdkhitrustredis',
    mavenGroupId: 'io.github.cdkhitrustredis',
    mavenArtifactId: 'cdk-hitrust-redis',
  },

  // --- tests ------------------------------------------------------------------
  jestOptions: {
    jestVersion: '^30',
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    passWithNoTests: false,
    // projen already passes --ci (snapshots never written) because updateSnapshot is NEVER.
    // The field's tools over the variant matrix (cfn-lint, Control Tower Guard rules) run in `test:thorough`, which
    // CI runs after the build: they take a minute of synthesis and linting that the inner loop does without
    // (`npx jest test/matrix` still runs them directly).
    extraCliOptions: ['--json', `--outputFile=${JEST_RESULTS}`, '--testPathIgnorePatterns', '/node_modules/', '<rootDir>/test/matrix/'],
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // Jest's default is one worker fewer than the cores: on the 2-core machines of this project, a single worker.
      maxWorkers: '100%',
      // Coverage instruments every synth and makes the 1,000-run property test ~8x slower: it has its own task.
      collectCoverage: false,
      coverageReporters: ['text-summary', 'lcov'],
    },
  },

  // --- repository hygiene -------------------------------------------------------
  githubOptions: { mergify: false },
  // ESLint's cache (node_modules/.cache, git-ignored) makes a warm `npx projen test` lint only the changed files
  eslintOptions: {
    dirs: ['src'],
    commandOptions: { extraArgs: ['--cache', '--cache-location', 'node_modules/.cache/eslint/'] },
  },
  gitignore: ['cdk.out/', '*.tsbuildinfo', '.jsii.tabl.json', '/.jsii-rosetta/', '__pycache__/'],
});

// projen's default ignores every folder named `logs`: the pack's CloudWatch Logs rules live in one.
project.gitignore.include('/src/nag/rules/logs/');
// Maven's download of AWS's event-ruler for the engine tests (the `engines` task)
project.gitignore.exclude('/test/engines/event-ruler/target/');

// The npm package holds the compiled library, its Lambda assets and the docs; the benchmark, the example app
// and what it synthesizes, CI's script and the rosetta fixture are for this repository only
// (test/package.test.ts lists what may ship).
project.npmignore?.exclude('/bench/', '/cdk.out/', '/examples/', '/.ci/', '/rosetta/');

// jsii itself needs a typescript it bundles; ts-jest needs one too, so pin the same line.
project.addDevDeps('ts-jest@^29.4.0');

// `npm ci` fails with the lockfile `npm install` writes on this registry unless the resolver that
// eslint-import-resolver-typescript pulls in is pinned (its non-Linux optional bindings are missing).
project.package.addPackageResolutions('unrs-resolver@1.12.2');

// --- ESLint: strictness the style guide asks for ---------------------------------
project.eslint?.addRules({
  '@typescript-eslint/no-explicit-any': 'error',
  'no-template-curly-in-string': 'error',
  'eqeqeq': ['error', 'always'],
});
project.eslint?.addLintPattern('examples');
project.eslint?.addLintPattern('bench');

// examples/ is type-checked and linted with its own tsconfig (it is not part of the jsii assembly).
new JsonFile(project, 'examples/tsconfig.json', {
  obj: {
    extends: '../tsconfig.json',
    compilerOptions: { noEmit: true, rootDir: '..' },
    include: ['**/*.ts'],
  },
});

// --- tasks ---------------------------------------------------------------------
// RULES.md is generated from the rule catalog after every compile; a test fails when the committed copy is stale.
const rulesDoc = project.addTask('rules:doc', {
  description: 'Regenerates RULES.md from the HITRUST rule catalog (src/nag/catalog.ts)',
  exec: 'node -e "require(\'fs\').writeFileSync(\'RULES.md\', require(\'./lib/nag/rules-doc.js\').renderRulesMarkdown())"',
});
project.postCompileTask.spawn(rulesDoc);
// Lambda assets (assets/, git-ignored) are bundled before tests and the example, so that both work on a
// fresh clone right after `npm ci` (esbuild takes well under a second).
project.testTask.prependSpawn(project.bundler.bundleTask);
// ts-jest compiles each test file on its own (isolated modules) and reports no type error; type-check them first.
project.testTask.prependExec('tsc --noEmit -p test/tsconfig.json');
// AWS's own engines for the tests in test/engines/ (issue 14): event-ruler, the matcher EventBridge is built on, from
// Maven Central (pinned in the pom), run by Java 17's single-file launcher; the IAM policy simulator is an npm devDep.
const engines = project.addTask('engines', {
  description: 'Fetches AWS\'s EventBridge matcher (event-ruler, Maven Central) for the event-pattern tests in test/engines/',
  exec: 'mvn -q -B -f test/engines/event-ruler/pom.xml dependency:copy-dependencies -DoutputDirectory=target/deps',
});
project.testTask.prependSpawn(engines);

// PyPI tools, pinned with their dependencies in test/tools/requirements.txt: the real AWS CLI and moto's S3/KMS
// emulator for the restore test (issue 15: the README's restore steps are run, not believed), and cfn-lint over the
// variant matrix (issue 17). Installed once into a git-ignored virtualenv; reinstalled when the pins change.
project.gitignore.exclude('/test/tools/.venv/');
const pythonTools = project.addTask('python-tools', {
  description: 'Installs the PyPI tools of the tests (AWS CLI, moto, cfn-lint; pinned in test/tools/requirements.txt) into test/tools/.venv',
  exec: 'bash test/tools/python-venv.sh',
});
project.testTask.prependSpawn(pythonTools);

// What the inner loop (`npx projen test`) leaves to CI (issue 17): the variant matrix under cfn-lint and the Control
// Tower Guard rules, and the property tests at their full number of runs (the inner loop runs fewer). `.ci/run` runs it
// after the build and counts both result files.
const thorough = project.addTask('test:thorough', {
  description: 'The checks `test` leaves to CI: cfn-lint and the Control Tower Guard rules over the variant matrix (test/matrix/), the property tests at 1,000 and 300 runs, and the integration test\'s snapshot check',
  env: { PROPERTY_RUNS: '1000', TOKEN_SAFETY_RUNS: '300' },
  steps: [
    { spawn: 'python-tools' },
    { spawn: 'bundle' },
    {
      exec: `jest --ci --json --outputFile=${JEST_THOROUGH_RESULTS} test/matrix test/nag/construct-properties.test.ts test/nag/token-safety.test.ts`,
    },
  ],
});

// Integration test for a real account (issue 17): test/integ/integ.*.ts, with @aws-cdk/integ-tests-alpha assertions.
// `integ` checks the committed snapshots offline (no deployment; part of test:thorough, which CI runs); README "Integration tests" says how a
// maintainer deploys them (`integ:deploy`).
const integ = project.addTask('integ', {
  description: 'Checks the integration tests\' committed snapshots against a fresh synth, offline (test/integ/)',
  // the test step's tsc has type-checked test/integ already: ts-node only transpiles here
  env: { TS_NODE_TRANSPILE_ONLY: 'true' },
  exec: 'integ-runner --directory test/integ --language typescript',
});
// integ-runner copies the assertion provider's Lambda bundle (2.2 MB, from @aws-cdk/integ-tests-alpha) into the
// snapshot: the offline check reads only the templates and asset manifests, and a deployment synthesizes afresh.
// cdk-integ.out.* is integ-runner's working output, removed at the end of each run (left behind when interrupted).
project.gitignore.exclude('/test/integ/*.snapshot/asset.*', '/test/integ/cdk-integ.out.*');
thorough.spawn(integ);
project.addTask('integ:deploy', {
  description: 'Deploys the integration tests into the account of the current AWS credentials, runs their assertions, destroys them and updates the snapshots',
  exec: 'integ-runner --directory test/integ --language typescript --update-on-failed --force',
  receiveArgs: true,
});

project.addTask('coverage', {
  description: 'Runs the tests with a coverage report (coverage/)',
  steps: [{ spawn: 'bundle' }, { exec: 'jest --coverage --ci' }],
});

const example = project.addTask('example', {
  description: 'Synthesizes the example app (examples/app.ts) into cdk.out/ and prints its compliance summary',
  exec: 'ts-node --project examples/tsconfig.json examples/app.ts',
});
example.prependSpawn(project.bundler.bundleTask);

// Synth-time benchmark (issue 8): not part of `test`; a full run takes about 19 minutes on 2 cores and rewrites
// bench/results.json and bench/RESULTS.md (partial runs, e.g. `npx projen bench --quick`, write to bench/.build).
project.addTask('bench', {
  description: 'Measures synth time and memory of the construct, its typed-L1 floor and the packs (writes bench/RESULTS.md)',
  exec: 'ts-node --project bench/tsconfig.json bench/run.ts',
  receiveArgs: true,
});
project.addTask('bench:breakdown', {
  description: 'Measures what each optional part of the construct costs per stack and per resource against its typed-L1 floor, and aws-cdk-lib\'s L2s alone against theirs (writes bench/BREAKDOWN.md, about 8 minutes)',
  exec: 'ts-node --project bench/tsconfig.json bench/run.ts --breakdown',
});

const PYTHON = '/usr/bin/python3'; // Debian's python, where python3-build and twine are installed
project.addTask('package:python:offline', {
  description: 'Python sources (jsii-pacmak --code-only), then wheel + sdist with Debian python3-build, then twine check',
  steps: [
    { exec: 'rm -rf dist/python-src dist/python' },
    { exec: 'jsii-pacmak --code-only --target python --outdir dist/python-src' },
    {
      exec: `${PYTHON} -m build --no-isolation --skip-dependency-check --outdir ../../python .`,
      cwd: 'dist/python-src/python',
    },
    { exec: `${PYTHON} -m twine check dist/python/*` },
  ],
});

// Maven Central, as this project's machines reach it, serves aws-cdk-lib for Java up to 2.263.0, and this library
// needs >= 2.276.0 (FIELD-NOTES §1): the jar cannot be built here (issue 18), so the build's package:java
// generates and checks the Java sources only.
project.tasks.tryFind('package:java')?.reset();
project.tasks.tryFind('package:java')?.spawn(project.addTask('package:java:codeonly', {
  description: 'Java sources (jsii-pacmak --code-only); the jar needs aws-cdk-lib >= 2.276.0 for Java, which Maven Central does not serve here',
  steps: [
    { exec: 'rm -rf dist/java-src' },
    { exec: 'jsii-pacmak --code-only --target java --outdir dist/java-src' },
    // fails the task when pacmak produced no Maven project for the configured package
    { exec: 'ls dist/java-src/java/pom.xml dist/java-src/java/src/main/java/io/github/cdkhitrustredis' },
  ],
}));

project.addTask('rosetta:check', {
  description: 'Compiles every TypeScript snippet of README.md and the API docs in strict mode (needs the jsii assembly: run compile first)',
  exec: 'jsii-rosetta extract --strict',
});

// --- CI -------------------------------------------------------------------------------
new TextFile(project, '.ci/run', {
  executable: true,
  marker: false,
  lines: [
    '#!/usr/bin/env bash',
    '# Generated from .projenrc.ts: edit that file and run `npx projen`.',
    '# CI runs this from a clean checkout: it installs what the build needs, builds and tests',
    '# exactly as the README says, packages every jsii target that can be built offline,',
    '# and ends with one `N passed, N failed` line taken from jest\'s results.',
    'set -euo pipefail',
    'cd "$(dirname "$0")/.."',
    'export CI=true',
    '',
    'SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"',
    'if ! dpkg -s python3-build twine >/dev/null 2>&1; then',
    '  $SUDO apt-get update',
    '  $SUDO apt-get install -y python3-build twine',
    'fi',
    '',
    'npm ci',
    'npx projen build',
    '',
    '# The build regenerates package.json, API.md, RULES.md ...: a stale committed file fails CI.',
    'git diff --exit-code',
    'untracked=$(git status --porcelain --untracked-files=all)',
    'if [ -n "$untracked" ]; then echo "build left files git does not know: $untracked" >&2; exit 1; fi',
    '',
    'npx projen test:thorough',
    'npx projen package:python:offline',
    'npx projen package:java:codeonly',
    'npx projen rosetta:check',
    '',
    'node -e \'',
    `  const runs = ["./${JEST_RESULTS}", "./${JEST_THOROUGH_RESULTS}"].map((file) => require(file));`,
    '  if (runs.some((r) => r.numTotalTests === 0)) { console.error("a jest run ran no test"); process.exit(1); }',
    '  const passed = runs.reduce((n, r) => n + r.numPassedTests, 0);',
    '  const failed = runs.reduce((n, r) => n + r.numFailedTests, 0);',
    '  console.log(passed + " passed, " + failed + " failed");',
    '  process.exit(runs.every((r) => r.success) && failed === 0 ? 0 : 1);',
    '\'',
  ],
});

project.synth();
