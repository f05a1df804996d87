/**
 * CloudFormation custom resource handler that sets the snapshot staging bucket's ACL grant for ElastiCache (default
 * Regions). The work is in ./staging-acl.ts; this file sends the response to CloudFormation's pre-signed URL.
 */
/* eslint-disable import/no-extraneous-dependencies -- Lambda code bundled by esbuild; the nodejs24.x runtime provides @aws-sdk/* */
import { S3Client } from '@aws-sdk/client-s3';
/* eslint-enable import/no-extraneous-dependencies */
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { applyStagingAcl } from './staging-acl';
import { SDK_CLIENT_OPTIONS } from '../private/sdk-client-options';

const s3 = new S3Client(SDK_CLIENT_OPTIONS);

export async function handler(event: CloudFormationCustomResourceEvent): Promise<void> {
  const response = await applyStagingAcl(s3, event);
  console.info(JSON.stringify({ RequestType: event.RequestType, ...response }));
  const body = JSON.stringify(response);
  const result = await fetch(event.ResponseURL, {
    method: 'PUT',
    body,
    headers: { 'content-type': '', 'content-length': String(Buffer.byteLength(body)) },
  });
  if (!result.ok) throw new Error(`CloudFormation did not take the response: HTTP ${result.status}`);
}
