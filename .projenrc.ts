import { awscdk, javascript, JsonFile, TextFile } from 'projen';

/**
 * Single source of truth for package.json, tsconfig, tasks and CI files.
 * Change this file and run `npx projen`; never edit the generated files.
 */

// The lowest aws-cdk-lib the library claims (the peer dependency) and is tested with (the pinned dev dependency).
// 2.275.0: the newest PyPI serves here, so the Python app (examples/python) runs with exactly this floor; the whole
// jest suite passes on it. Not lower: 2.263.0 (the newest Maven Central serves here) rejects cdk-nag 3's
// resource-qualified finding IDs in Validations.acknowledge ("The '::' delimiter is reserved", InvalidValidationId),
// 2.262.x reported findings twice and 2.257 handed plugins no tree (shared/FIELD-NOTES.md §1).
const CDK_VERSION = '2.275.0';
const CONSTRUCTS_VERSION = '10.8.1';
const CDK_NAG_VERSION = '^3.0.2';

/** Where jest writes its machine-readable results; `.ci/run` reads the pass/fail counts from it. */
const JEST_RESULTS = 'test-reports/jest-results.json';
/** Where `test:thorough` writes its results; `.ci/run` adds them to the count. */
const JEST_THOROUGH_RESULTS = 'test-reports/jest-thorough.json';
/** Where `test:packages` writes its results; `.ci/run` adds them to the count. */
const JEST_PACKAGES_RESULTS = 'test-reports/jest-packages.json';
/** Where pytest (examples/python) writes its JUnit XML; `.ci/run` adds it to the count. */
const PYTEST_RESULTS = 'test-reports/pytest.xml';
/** Where Maven Surefire (examples/java) writes its JUnit XML; `.ci/run` adds it to the count. */
const SUREFIRE_RESULTS = 'examples/java/target/surefire-reports';

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
    // not published for 2.275 on this registry: 2.245.0-alpha.0 is the newest, and its peer range covers 2.275.
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
    // test/packages/ checks the built packages (dist/): `test:packages` runs it after the packaging tasks.
    extraCliOptions: ['--json', `--outputFile=${JEST_RESULTS}`, '--testPathIgnorePatterns', '/node_modules/', '<rootDir>/test/matrix/', '<rootDir>/test/packages/'],
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

// --- packaging (issue 18) ------------------------------------------------------------
// Every packaging task builds what it packs, so that a fresh clone's `npm ci && npx projen package:js` (or :python,
// :java) yields a package a consumer synthesizes with: the jsii compile when .jsii is missing or older than a source,
// the Lambda bundles (assets/, which jsii does not build), and the rosetta tablet (.jsii.tabl.json) from which pacmak
// writes the README's and the API docs' TypeScript examples in Python and Java; pacmak fails on a snippet the tablet
// lacks instead of shipping TypeScript in a `python` block.
const rosetta = project.addTask('rosetta:extract', {
  description: 'Compiles every TypeScript snippet of README.md and the API docs in strict mode and translates them into Python and Java (.jsii.tabl.json; needs the jsii assembly)',
  exec: 'jsii-rosetta extract --strict',
});
/**
 * Exits 0 (compile) when .jsii is missing or older than a file in src/, README.md or package.json (jsii writes the
 * README, whose snippets rosetta translates, and the package metadata into .jsii). Projen runs task conditions without
 * a shell, hence node.
 */
const NEEDS_COMPILE = [
  "const fs = require('fs'), path = require('path');",
  "const built = fs.existsSync('.jsii') ? fs.statSync('.jsii').mtimeMs : 0;",
  'const newer = (file) => fs.statSync(file).isDirectory()',
  '  ? fs.readdirSync(file).some((name) => newer(path.join(file, name))) : fs.statSync(file).mtimeMs > built;',
  "process.exit(built === 0 || ['src', 'README.md', 'package.json'].some(newer) ? 0 : 1);",
].join(' ');
const packagePrepare = project.addTask('package:prepare', {
  description: 'What the packaging tasks pack: the jsii compile (when .jsii is missing or older than src/, README.md or package.json), the Lambda bundles and the rosetta tablet',
  steps: [
    { spawn: 'compile', condition: `node -e "${NEEDS_COMPILE}"` },
    { spawn: project.bundler.bundleTask.name },
    { spawn: rosetta.name },
  ],
});
const UNKNOWN_SNIPPETS_FAIL = ['--rosetta-unknown-snippets', 'fail'];
for (const target of ['js', 'python', 'java']) {
  const task = project.tasks.tryFind(`package:${target}`);
  if (!task) throw new Error(`projen has no package:${target} task`);
  task.reset();
  task.spawn(packagePrepare);
  if (target === 'java') {
    // Maven Central here serves aws-cdk-lib for Java only up to 2.263.0: the script first builds the Java binding of the
    // npm-installed aws-cdk-lib into the local Maven repository (examples/java/maven-deps.sh says how and why).
    task.exec('bash examples/java/package.sh');
  } else {
    task.exec(['jsii-pacmak', '-v', '--target', target, ...UNKNOWN_SNIPPETS_FAIL].join(' '));
  }
}

// The Python example (examples/python): the wheel installed into a fresh virtualenv with aws-cdk-lib, constructs and
// cdk-nag from PyPI (pinned in examples/python/requirements.txt), its app tested with pytest.
project.gitignore.exclude('/examples/python/.venv/', '/examples/python/cdk.out/', '.pytest_cache/');
project.addTask('test:python', {
  description: 'Builds the wheel (package:python), installs it with the pinned PyPI requirements into a fresh virtualenv and runs the Python example app\'s tests (examples/python, pytest)',
  steps: [{ spawn: 'package:python' }, { exec: 'bash examples/python/run-tests.sh' }],
});

// The Java example (examples/java): a Maven module compiled against the jar, its app tested with JUnit.
project.gitignore.exclude('/examples/java/target/');
project.addTask('test:java', {
  description: 'Builds the jar (package:java), compiles the Java example app against it and runs its JUnit tests (examples/java, Maven Surefire)',
  steps: [{ spawn: 'package:java' }, { exec: 'bash examples/java/run-tests.sh' }],
});

project.addTask('test:packages', {
  description: 'Checks the built packages in dist/ (run the packaging tasks first): the Lambda bundles in the npm tarball, the wheel and the jar, a consumer app synthesizing with the tarball, rosetta\'s Python in the wheel (test/packages/)',
  exec: `jest --ci --json --outputFile=${JEST_PACKAGES_RESULTS} test/packages`,
});

// --- CI -------------------------------------------------------------------------------
new TextFile(project, '.ci/run', {
  executable: true,
  marker: false,
  lines: [
    '#!/usr/bin/env bash',
    '# Generated from .projenrc.ts: edit that file and run `npx projen`.',
    '# CI runs this from a clean checkout, with empty pip and Maven caches: it installs what the build needs, builds and',
    '# tests exactly as the README says, builds the npm, Python and Java packages, runs the example apps\' pytest suite on the',
    '# wheel and JUnit suite on the jar, checks the packages (test:packages), and ends with one `N passed, N failed` line',
    '# over every run (.ci/summary.js).',
    'set -euo pipefail',
    'cd "$(dirname "$0")/.."',
    'export CI=true',
    '',
    '# Empty caches: every PyPI and Maven Central package the job uses is fetched by the project\'s own files.',
    'caches=$(mktemp -d)',
    'export PIP_CACHE_DIR="$caches/pip"',
    'export MAVEN_OPTS="-Dmaven.repo.local=$caches/m2"',
    '',
    'npm ci',
    '# What a fresh clone packages before any compile (issue 18): package:js builds what it packs, Lambda bundles included',
    'npx projen package:js',
    'tar tzf dist/js/*.tgz | grep -x package/assets/rotation/rotate.lambda/index.js',
    'npx projen build',
    '',
    '# The build regenerates package.json, API.md, RULES.md ...: a stale committed file fails CI.',
    'git diff --exit-code',
    'untracked=$(git status --porcelain --untracked-files=all)',
    'if [ -n "$untracked" ]; then echo "build left files git does not know: $untracked" >&2; exit 1; fi',
    '',
    'npx projen test:thorough',
    'npx projen test:python',
    'npx projen test:java',
    'npx projen test:packages',
    '',
    `node .ci/summary.js --jest ${JEST_RESULTS} ${JEST_THOROUGH_RESULTS} ${JEST_PACKAGES_RESULTS} --junit ${PYTEST_RESULTS} ${SUREFIRE_RESULTS}`,
  ],
});

project.synth();
