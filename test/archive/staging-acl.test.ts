import { GetBucketAclCommand, PutBucketAclCommand, S3Client } from '@aws-sdk/client-s3';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { ELASTICACHE_CANONICAL_ID } from '../../src/archive/export-access';
import { applyStagingAcl, elastiCacheBucketAcl } from '../../src/archive/staging-acl';
import { handler } from '../../src/archive/staging-acl.lambda';

const s3 = mockClient(S3Client);
const OWNER = '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be';

function event(requestType: 'Create' | 'Update' | 'Delete'): CloudFormationCustomResourceEvent {
  return {
    RequestType: requestType,
    ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:acl',
    ResponseURL: 'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/response?signature',
    StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/Stack/guid',
    RequestId: 'request-1',
    LogicalResourceId: 'CacheArchiveStagingElastiCacheAcl',
    ResourceType: 'Custom::ElastiCacheExportBucketAcl',
    ResourceProperties: { ServiceToken: 'x', BucketName: 'staging-bucket' },
    ...(requestType === 'Create' ? {} : { PhysicalResourceId: 'staging-bucket-elasticache-acl', OldResourceProperties: {} }),
  } as CloudFormationCustomResourceEvent;
}

beforeEach(() => {
  s3.reset();
  s3.on(GetBucketAclCommand).resolves({ Owner: { ID: OWNER }, Grants: [] });
  s3.on(PutBucketAclCommand).resolves({});
});

describe('the staging bucket ACL (elasticache-canonical-id-default-regions)', () => {
  test('keeps the owner FULL_CONTROL and grants ElastiCache READ, WRITE and READ_ACP, nothing else', () => {
    expect(elastiCacheBucketAcl(OWNER)).toEqual({
      Owner: { ID: OWNER },
      Grants: [
        { Grantee: { Type: 'CanonicalUser', ID: OWNER }, Permission: 'FULL_CONTROL' },
        { Grantee: { Type: 'CanonicalUser', ID: ELASTICACHE_CANONICAL_ID }, Permission: 'READ' },
        { Grantee: { Type: 'CanonicalUser', ID: ELASTICACHE_CANONICAL_ID }, Permission: 'WRITE' },
        { Grantee: { Type: 'CanonicalUser', ID: ELASTICACHE_CANONICAL_ID }, Permission: 'READ_ACP' },
      ],
    });
    expect(ELASTICACHE_CANONICAL_ID).toEqual('540804c33a284a299d2547575ce1010f2312ef3da9b3a053c8bc45bf233e4353');
  });

  test.each(['Create', 'Update'] as const)('%s reads the owner, then writes the ACL', async (type) => {
    const response = await applyStagingAcl(new S3Client({}), event(type));
    expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'staging-bucket-elasticache-acl', RequestId: 'request-1' });
    expect(s3).toHaveReceivedCommandWith(GetBucketAclCommand, { Bucket: 'staging-bucket' });
    expect(s3).toHaveReceivedCommandWith(PutBucketAclCommand, { Bucket: 'staging-bucket', AccessControlPolicy: elastiCacheBucketAcl(OWNER) });
  });

  test('Delete leaves the ACL of the retained bucket alone', async () => {
    const response = await applyStagingAcl(new S3Client({}), event('Delete'));
    expect(response.Status).toEqual('SUCCESS');
    expect(s3).not.toHaveReceivedCommand(PutBucketAclCommand);
  });

  test('a refused PutBucketAcl (ACLs disabled, say) fails the deployment with a reason naming the bucket and the error', async () => {
    s3.on(PutBucketAclCommand).rejects(Object.assign(new Error('The bucket does not allow ACLs'), { name: 'AccessControlListNotSupported' }));
    const response = await applyStagingAcl(new S3Client({}), event('Create'));
    expect(response.Status).toEqual('FAILED');
    expect(response.Reason).toContain('s3://staging-bucket');
    expect(response.Reason).toContain('AccessControlListNotSupported: The bucket does not allow ACLs');
  });

  test('the handler PUTs the response to CloudFormation\'s pre-signed URL', async () => {
    const fetchMock = jest.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(null, { status: 200 }));
    try {
      await handler(event('Create'));
      expect(fetchMock).toHaveBeenCalledTimes(1);
      const [url, init] = fetchMock.mock.calls[0];
      expect(url).toEqual(event('Create').ResponseURL);
      expect(init?.method).toEqual('PUT');
      expect(JSON.parse(String(init?.body))).toMatchObject({ Status: 'SUCCESS', LogicalResourceId: 'CacheArchiveStagingElastiCacheAcl' });
    } finally {
      fetchMock.mockRestore();
    }
  });
});
