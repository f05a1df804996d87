/**
 * The engine behaves as FIELD-NOTES §4 says EventBridge does: every value matcher, `anything-but` included, needs
 * the field present; only `{"exists": false}` matches an absent field. One Java process for the whole file.
 */
import { elastiCacheApiCall, federatedUserIdentity, iamUserIdentity, invokedBy, personSsoRoleIdentity, rootIdentity } from './cloudtrail-records';
import { MatchCase, matchAll } from './event-ruler';

const TRUSTED_ROLE = 'arn:aws:iam::123456789012:role/Rotation';
const byIamUser = elastiCacheApiCall({ eventName: 'ModifyUser', requestParameters: { userId: 'cache-app' }, userIdentity: iamUserIdentity() });
const byRoot = elastiCacheApiCall({ eventName: 'ModifyUser', requestParameters: { userId: 'cache-app' }, userIdentity: rootIdentity({ console: true }), console: true });
const bySsoPerson = elastiCacheApiCall({ eventName: 'ModifyUser', requestParameters: { userId: 'cache-app' }, userIdentity: personSsoRoleIdentity() });
const byFederatedUser = elastiCacheApiCall({ eventName: 'ModifyUser', requestParameters: { userId: 'cache-app' }, userIdentity: federatedUserIdentity() });
const byTrustedRole = elastiCacheApiCall({
  eventName: 'ModifyUser',
  requestParameters: { userId: 'cache-app' },
  userIdentity: personSsoRoleIdentity({ roleArn: TRUSTED_ROLE, person: 'rotation' }),
});
const byCloudFormation = elastiCacheApiCall({
  eventName: 'ModifyUser', requestParameters: { userId: 'cache-app' }, userIdentity: invokedBy(iamUserIdentity(), 'cloudformation.amazonaws.com'),
});

const notTrusted = { detail: { userIdentity: { sessionContext: { sessionIssuer: { arn: [{ 'anything-but': [TRUSTED_ROLE] }] } } } } };
const notTrustedOrAbsent = {
  detail: { userIdentity: { sessionContext: { sessionIssuer: { arn: [{ 'anything-but': [TRUSTED_ROLE] }, { exists: false }] } } } },
};
const notCloudFormation = { detail: { userIdentity: { invokedBy: [{ 'anything-but': ['cloudformation.amazonaws.com'] }, { exists: false }] } } };

/** Each check: a name, a pattern, an event, and what EventBridge decides. */
const CHECKS: { name: string; pattern: unknown; event: unknown; expected: boolean }[] = [
  // anything-but needs the field
  { name: 'anything-but does not match an IAM user (no sessionIssuer)', pattern: notTrusted, event: byIamUser, expected: false },
  { name: 'anything-but does not match the root user (no sessionIssuer)', pattern: notTrusted, event: byRoot, expected: false },
  { name: 'anything-but matches another role', pattern: notTrusted, event: bySsoPerson, expected: true },
  { name: 'anything-but matches a federated user (its issuer is an IAM user)', pattern: notTrusted, event: byFederatedUser, expected: true },
  { name: 'anything-but does not match the excluded role', pattern: notTrusted, event: byTrustedRole, expected: false },
  // with exists: false, an absent field matches too
  { name: 'anything-but or exists:false matches an IAM user', pattern: notTrustedOrAbsent, event: byIamUser, expected: true },
  { name: 'anything-but or exists:false matches the root user', pattern: notTrustedOrAbsent, event: byRoot, expected: true },
  { name: 'anything-but or exists:false matches another role', pattern: notTrustedOrAbsent, event: bySsoPerson, expected: true },
  { name: 'anything-but or exists:false still excludes the excluded role', pattern: notTrustedOrAbsent, event: byTrustedRole, expected: false },
  // FIELD-NOTES §4: the invokedBy filter of the native drift rule
  { name: 'the CloudFormation filter lets a CLI call through (no invokedBy)', pattern: notCloudFormation, event: byIamUser, expected: true },
  { name: 'the CloudFormation filter drops CloudFormation\'s own call', pattern: notCloudFormation, event: byCloudFormation, expected: false },
  // equals-ignore-case
  {
    name: 'equals-ignore-case matches an ID typed in another case',
    pattern: { detail: { requestParameters: { userId: [{ 'equals-ignore-case': 'cache-app' }] } } },
    event: elastiCacheApiCall({ eventName: 'ModifyUser', requestParameters: { userId: 'Cache-APP' }, userIdentity: iamUserIdentity() }),
    expected: true,
  },
  {
    name: 'equals-ignore-case does not match a longer ID',
    pattern: { detail: { requestParameters: { userId: [{ 'equals-ignore-case': 'cache-app' }] } } },
    event: elastiCacheApiCall({ eventName: 'ModifyUser', requestParameters: { userId: 'cache-app2' }, userIdentity: iamUserIdentity() }),
    expected: false,
  },
  // prefix
  {
    name: 'prefix matches a name that starts with it',
    pattern: { detail: { requestParameters: { snapshotName: [{ prefix: 'automatic.cache-abc-' }] } } },
    event: elastiCacheApiCall({ eventName: 'DeleteSnapshot', requestParameters: { snapshotName: 'automatic.cache-abc-2026-12-01-04-00' }, userIdentity: iamUserIdentity() }),
    expected: true,
  },
  {
    name: 'prefix is case-sensitive',
    pattern: { detail: { requestParameters: { snapshotName: [{ prefix: 'automatic.cache-abc-' }] } } },
    event: elastiCacheApiCall({ eventName: 'DeleteSnapshot', requestParameters: { snapshotName: 'Automatic.cache-abc-2026-12-01-04-00' }, userIdentity: iamUserIdentity() }),
    expected: false,
  },
  {
    name: 'prefix does not match an absent field',
    pattern: { detail: { requestParameters: { snapshotName: [{ prefix: 'automatic.cache-abc-' }] } } },
    event: elastiCacheApiCall({
      eventName: 'CopySnapshot',
      requestParameters: { sourceSnapshotName: 'automatic.cache-abc-2026-12-01-04-00', targetSnapshotName: 'x', targetBucket: 'b' },
      userIdentity: iamUserIdentity(),
    }),
    expected: false,
  },
  // $or: each branch is a whole sub-pattern
  ...[
    { eventName: 'DeleteUser', requestParameters: { userId: 'cache-app' }, expected: true },
    { eventName: 'DeleteSnapshot', requestParameters: { snapshotName: 'automatic.cache-abc-2026-12-01-04-00' }, expected: true },
    // the branches do not mix: DeleteUser is scoped by userId only
    { eventName: 'DeleteUser', requestParameters: { snapshotName: 'automatic.cache-abc-2026-12-01-04-00' }, expected: false },
    { eventName: 'DeleteSnapshot', requestParameters: { userId: 'cache-app' }, expected: false },
  ].map((c) => ({
    name: `$or matches ${c.eventName} on ${Object.keys(c.requestParameters)[0]} only through its own branch (${c.expected})`,
    pattern: {
      detail: {
        eventName: ['DeleteUser', 'DeleteSnapshot'],
        $or: [
          { eventName: ['DeleteUser'], requestParameters: { userId: ['cache-app'] } },
          { eventName: ['DeleteSnapshot'], requestParameters: { snapshotName: [{ prefix: 'automatic.cache-abc-' }] } },
        ],
      },
    },
    event: elastiCacheApiCall({ eventName: c.eventName, requestParameters: c.requestParameters, userIdentity: iamUserIdentity() }),
    expected: c.expected,
  })),
];

let results: boolean[];

beforeAll(() => {
  results = matchAll(CHECKS.map((c): MatchCase => ({ pattern: c.pattern, event: c.event })));
});

describe('event-ruler (the engine EventBridge uses)', () => {
  test.each(CHECKS.map((c, i) => ({ ...c, i })))('$name', ({ i, expected }) => {
    expect(results[i]).toBe(expected);
  });

  test('throws instead of answering false when event-ruler refuses a pattern', () => {
    // a value that is not a list (EventBridge: "Event pattern is not valid")
    expect(() => matchAll([{ pattern: { source: 'aws.elasticache' }, event: byIamUser }])).toThrow(/refuses the pattern/);
  });

  test('throws on an unknown matcher', () => {
    expect(() => matchAll([{ pattern: { source: [{ 'anything-butt': ['x'] }] }, event: byIamUser }])).toThrow(/refuses the pattern/);
  });

  test('answers nothing for no cases without starting Java', () => {
    expect(matchAll([])).toEqual([]);
  });
});
