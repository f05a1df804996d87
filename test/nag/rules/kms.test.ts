import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { NagRuleCompliance } from 'cdk-nag';
import { KMSKeyRotation } from '../../../src/nag/rules/kms';
import { findings, newStack } from '../fixtures';
import { deployTimeString, deployTimeValue, runRule, type Build, type Case } from './builders';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = NagRuleCompliance;

const key = (props: kms.CfnKeyProps = {}): Build => (s) => new kms.CfnKey(s, 'Key', props);

describe('KMSKeyRotation', () => {
  test.each<Case>([
    ['passes a symmetric key with rotation', key({ enableKeyRotation: true }), COMPLIANT],
    ['passes an explicit SYMMETRIC_DEFAULT key with rotation', key({ keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT', enableKeyRotation: true }), COMPLIANT],
    ['fails a symmetric key without rotation', key(), NON_COMPLIANT],
    ['fails rotation off', key({ enableKeyRotation: false }), NON_COMPLIANT],
    ['fails a deploy-time rotation switch', (s) => key({ enableKeyRotation: deployTimeValue(s) })(s), NON_COMPLIANT],
    ['fails a deploy-time key spec without rotation (it could be symmetric)', (s) => key({ keySpec: deployTimeString(s) })(s), NON_COMPLIANT],
    ['does not apply to an asymmetric key', key({ keySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY' }), NOT_APPLICABLE],
    ['does not apply to an HMAC key', key({ keySpec: 'HMAC_256', keyUsage: 'GENERATE_VERIFY_MAC' }), NOT_APPLICABLE],
    ['does not apply to imported key material', key({ origin: 'EXTERNAL' }), NOT_APPLICABLE],
    ['does not apply to a topic', (s) => new sns.CfnTopic(s, 'Topic'), NOT_APPLICABLE],
  ])('%s', (_, build, expected) => {
    expect(runRule(KMSKeyRotation, build)).toBe(expected);
  });

  test('reports an L2 key created without rotation', () => {
    // GIVEN
    const { app, stack } = newStack();
    new kms.Key(stack, 'Key');

    // WHEN
    const result = findings(app);

    // THEN
    expect(result).toEqual({ 'HITRUST.CSF-KMSKeyRotation': ['Stack/Key/Resource'] });
  });
});
