/**
 * The restore steps, run for real: the README prints exactly `restoreScript` for placeholder names, and the
 * commands run with the real AWS CLI (PyPI, pinned) against moto's S3 and KMS emulator, from an archived object in
 * S3 Glacier Deep Archive (SSE-KMS, Object Lock) to an SSE-S3 object in the staging bucket that ElastiCache can read.
 *
 * The tools are installed by `npx projen python-tools` (part of `npx projen test`).
 *
 * AWS facts enforced here (test/aws-facts): s3-copy-archived-object-needs-restore (the copy fails before the
 * restore), elasticache-seed-sse-s3-only (the restored object is SSE-S3).
 */
import { type ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { ELASTICACHE_CANONICAL_ID } from '../../src/archive/export-access';
import { RESTORE_PREFIX, restoreScript, restoreSteps, type RestoreStepsOptions } from '../../src/archive/restore-steps';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(__dirname, '..', 'tools', '.venv', 'bin');
const KEY = 'orders-2026-11-22-03-40-0001.rdb';
const DATA = 'REDIS0011\u00fa\u0009redis-ver\u00057.2.4 not a real dump, but bytes to compare';

/** What the README shows: the script for placeholder names, in a default Region. */
export const README_RESTORE: RestoreStepsOptions = {
  archiveBucket: '<archive-bucket>',
  stagingBucket: '<staging-bucket>',
  key: '<key>',
  regionKind: 'default',
};

describe('the README', () => {
  test('shows exactly the restore script', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('```bash\n' + restoreScript(README_RESTORE) + '\n```');
  });
});

describe('restore steps', () => {
  test('copy back to staging under restore/, outside the `<group>-` prefix the daily run archives and deletes', () => {
    const steps = restoreSteps({ ...README_RESTORE, key: KEY });
    expect(steps[2].command).toContain(`s3://<staging-bucket>/${RESTORE_PREFIX}${KEY}`);
    expect(RESTORE_PREFIX.startsWith('orders-')).toBe(false);
  });

  test('grant ElastiCache read in a default Region, and leave ACLs alone in an opt-in Region (ACLs disabled there)', () => {
    expect(restoreSteps({ ...README_RESTORE, regionKind: 'default' })[2].command).toContain(`--grants read=id=${ELASTICACHE_CANONICAL_ID} full=id=`);
    expect(restoreSteps({ ...README_RESTORE, regionKind: 'opt-in' })[2].command).not.toContain('--grants');
    expect(restoreSteps({ ...README_RESTORE, regionKind: 'deploy-time' })[2].description).toContain('leave out --grants in an opt-in Region');
  });
});

// ------------------------------------------------------------------------------------------------ against moto

let server: ChildProcess | undefined;
let endpoint = '';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const port = (probe.address() as net.AddressInfo).port;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForServer(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`moto did not answer on ${url} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function env(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${BIN}:${process.env.PATH}`,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ENDPOINT_URL: endpoint,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };
}

/** Runs a command line in bash with the emulator's environment; returns stdout, throws with stderr. */
function sh(command: string): string {
  return execFileSync('bash', ['-euo', 'pipefail', '-c', command], { env: env(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the AWS CLI's JSON output, read field by field
function awsJson(command: string): any {
  return JSON.parse(sh(`aws ${command} --output json`));
}

/** An archive bucket as SnapshotArchive makes it (Object Lock COMPLIANCE, SSE-KMS) holding one Deep Archive export. */
function givenArchive(archive: string, staging: string, ownership: 'BucketOwnerPreferred' | 'BucketOwnerEnforced'): void {
  const keyId = awsJson('kms create-key --description archive').KeyMetadata.KeyId as string;
  sh(`aws s3api create-bucket --bucket ${archive} --object-lock-enabled-for-bucket`);
  sh(`aws s3api put-object-lock-configuration --bucket ${archive} --object-lock-configuration ` +
    '\'{"ObjectLockEnabled":"Enabled","Rule":{"DefaultRetention":{"Mode":"COMPLIANCE","Days":2192}}}\'');
  const file = path.join(fs.mkdtempSync('/tmp/restore-'), 'export.rdb');
  fs.writeFileSync(file, DATA);
  sh(`aws s3api put-object --bucket ${archive} --key ${KEY} --body ${file} --storage-class DEEP_ARCHIVE ` +
    `--server-side-encryption aws:kms --ssekms-key-id ${keyId} --content-md5 "$(openssl md5 -binary ${file} | base64)"`);
  sh(`aws s3api create-bucket --bucket ${staging}`);
  sh(`aws s3api put-bucket-ownership-controls --bucket ${staging} --ownership-controls '{"Rules":[{"ObjectOwnership":"${ownership}"}]}'`);
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(BIN, 'moto_server'))) {
    throw new Error(`${BIN}/moto_server is missing: run \`npx projen python-tools\` (part of \`npx projen test\`)`);
  }
  const port = await freePort();
  endpoint = `http://127.0.0.1:${port}`;
  server = spawn(path.join(BIN, 'moto_server'), ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  await waitForServer(endpoint, 30_000);
}, 60_000);

afterAll(() => {
  server?.kill();
});

describe('run with the real AWS CLI against moto', () => {
  test('default Region: the archived Deep Archive export comes back as an SSE-S3 object ElastiCache may read', () => {
    // GIVEN
    givenArchive('archive-default', 'staging-default', 'BucketOwnerPreferred');
    const steps = restoreSteps({ archiveBucket: 'archive-default', stagingBucket: 'staging-default', key: KEY, regionKind: 'default' });

    // the object cannot be copied before it is restored (what step 1 is for)
    expect(() => sh(steps[2].command)).toThrow(/InvalidObjectState|restore|glacier/i);

    // WHEN: every step, in order
    sh(steps[0].command);
    const [storageClass, restore] = JSON.parse(sh(steps[1].command + ' --output json')) as [string, string];
    sh(steps[2].command);
    const arn = sh(steps[3].command).trim();

    // THEN
    expect(storageClass).toEqual('DEEP_ARCHIVE');
    expect(restore).toContain('ongoing-request="false"');
    expect(arn).toEqual(`arn:aws:s3:::staging-default/${RESTORE_PREFIX}${KEY}`);
    const head = awsJson(`s3api head-object --bucket staging-default --key ${RESTORE_PREFIX}${KEY}`);
    expect(head.ServerSideEncryption).toEqual('AES256');
    expect(head.StorageClass ?? 'STANDARD').toEqual('STANDARD');
    const acl = awsJson(`s3api get-object-acl --bucket staging-default --key ${RESTORE_PREFIX}${KEY}`);
    const grants = (acl.Grants as { Grantee: { ID?: string }; Permission: string }[]).map((g) => `${g.Grantee.ID}:${g.Permission}`);
    expect(grants).toEqual(expect.arrayContaining([`${ELASTICACHE_CANONICAL_ID}:READ`, `${acl.Owner.ID}:FULL_CONTROL`]));
    expect(sh(`aws s3 cp s3://staging-default/${RESTORE_PREFIX}${KEY} -`)).toEqual(DATA);
  });

  test('opt-in Region: the same steps without ACL grants work on a bucket with ACLs disabled', () => {
    givenArchive('archive-optin', 'staging-optin', 'BucketOwnerEnforced');
    const steps = restoreSteps({ archiveBucket: 'archive-optin', stagingBucket: 'staging-optin', key: KEY, regionKind: 'opt-in' });

    for (const step of steps) sh(step.command);

    const head = awsJson(`s3api head-object --bucket staging-optin --key ${RESTORE_PREFIX}${KEY}`);
    expect(head.ServerSideEncryption).toEqual('AES256');
    expect(sh(`aws s3 cp s3://staging-optin/${RESTORE_PREFIX}${KEY} -`)).toEqual(DATA);
  });
});
