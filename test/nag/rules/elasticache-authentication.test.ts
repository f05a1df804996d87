import { Aws, CfnParameter, Fn, SecretValue, Stack } from 'aws-cdk-lib';
import { CfnReplicationGroup } from 'aws-cdk-lib/aws-elasticache';
import { CfnSecret } from 'aws-cdk-lib/aws-secretsmanager';
import { NagRuleCompliance } from 'cdk-nag';
import { HitrustChecks, HitrustRuleId } from '../../../src/nag';
import { ElastiCacheAuthentication } from '../../../src/nag/rules/elasticache';
import { findings, newStack } from '../fixtures';
import { replicationGroup, runRule, type Build, type Case } from './builders';

const { COMPLIANT, NON_COMPLIANT } = NagRuleCompliance;

/** The compliant group authenticated by an AUTH token only (no user group), the token built in the stack. */
const token = (authToken: (stack: Stack) => string): Build => replicationGroup((s) => ({ userGroupIds: undefined, authToken: authToken(s) }));

/** A CfnParameter for the token; `noEcho` and `default` as given. */
function tokenParameter(stack: Stack, props: { noEcho?: boolean; default?: string }): CfnParameter {
  return new CfnParameter(stack, 'TokenParam', { type: 'String', ...props });
}

/** A secret of the app: its ARN is a `Ref`, so CDK renders the dynamic reference as an `Fn::Join`. */
function appSecret(stack: Stack): CfnSecret {
  return new CfnSecret(stack, 'TokenSecret', { generateSecretString: { secretStringTemplate: '{}', generateStringKey: 'token' } });
}

const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:cache-auth-AbCdEf';

describe('ElastiCacheAuthentication: where the AUTH token comes from', () => {
  test.each<Case>([
    // the secret is in the template
    ['fails a literal token (a password in the template)', token(() => 'correct-horse-battery-staple'), NON_COMPLIANT],
    ['fails a literal around a dynamic reference (part of the token is in the template)',
      token(() => `pre-{{resolve:secretsmanager:${SECRET_ARN}:SecretString:token}}`), NON_COMPLIANT],
    ['fails an SSM String parameter (`{{resolve:ssm:...}}` is plain text, not a SecureString)', token(() => '{{resolve:ssm:/cache/auth:1}}'), NON_COMPLIANT],
    // dynamic references: CloudFormation fetches the secret, the template names it
    ['passes SecretValue.secretsManager of a secret name', token(() => SecretValue.secretsManager('cache-auth').unsafeUnwrap()), COMPLIANT],
    ['passes SecretValue.secretsManager of a secret of the app (rendered as Fn::Join)',
      token((s) => SecretValue.secretsManager(appSecret(s).ref, { jsonField: 'token' }).unsafeUnwrap()), COMPLIANT],
    ['passes a raw Secrets Manager dynamic reference', token(() => `{{resolve:secretsmanager:${SECRET_ARN}:SecretString:token}}`), COMPLIANT],
    ['passes SecretValue.ssmSecure (`{{resolve:ssm-secure:...}}`)', token(() => SecretValue.ssmSecure('/cache/auth', '3').unsafeUnwrap()), COMPLIANT],
    ['passes a dynamic reference written with Fn::Sub',
      // eslint-disable-next-line no-template-curly-in-string
      token((s) => Fn.sub('{{resolve:secretsmanager:${Arn}:SecretString:token}}', { Arn: appSecret(s).ref })), COMPLIANT],
    // parameters: hidden only with NoEcho and without a Default
    ['passes a NoEcho parameter without a Default', token((s) => tokenParameter(s, { noEcho: true }).valueAsString), COMPLIANT],
    ['passes a NoEcho parameter through SecretValue.cfnParameter',
      token((s) => SecretValue.cfnParameter(tokenParameter(s, { noEcho: true })).unsafeUnwrap()), COMPLIANT],
    ['passes a hand-written Ref to a NoEcho parameter without a Default', token((s) => {
      tokenParameter(s, { noEcho: true });
      return Fn.ref('TokenParam');
    }), COMPLIANT],
    ['fails a NoEcho parameter with a Default (the Default is in the template)',
      token((s) => tokenParameter(s, { noEcho: true, default: 'correct-horse-battery-staple' }).valueAsString), NON_COMPLIANT],
    ['fails a parameter without NoEcho (the console and DescribeStacks show it in plain text)',
      token((s) => tokenParameter(s, {}).valueAsString), NON_COMPLIANT],
    ['fails a parameter with NoEcho: false', token((s) => tokenParameter(s, { noEcho: false }).valueAsString), NON_COMPLIANT],
    ['fails a NoEcho parameter with a Default even next to a user group',
      replicationGroup((s) => ({ authToken: tokenParameter(s, { noEcho: true, default: 'x'.repeat(16) }).valueAsString })), NON_COMPLIANT],
    // other deploy-time values fail closed: the pack cannot see where they come from
    ['fails an Fn::ImportValue', token(() => Fn.importValue('CacheAuthToken')), NON_COMPLIANT],
    ['fails a pseudo parameter', token(() => Aws.STACK_NAME), NON_COMPLIANT],
    ['fails an Fn::Join whose deploy-time part is not inside a dynamic reference',
      token(() => Fn.join('', [Fn.importValue('TokenPrefix'), `{{resolve:secretsmanager:${SECRET_ARN}:SecretString:token}}`])), NON_COMPLIANT],
  ])('%s', (_, build, expected) => {
    expect(runRule(ElastiCacheAuthentication, build)).toBe(expected);
  });

  test('CDK renders SecretValue.secretsManager of a secret of the app as an Fn::Join (the case above reads it)', () => {
    const { stack } = newStack();
    const group = token((s) => SecretValue.secretsManager(appSecret(s).ref, { jsonField: 'token' }).unsafeUnwrap())(stack) as CfnReplicationGroup;
    expect(stack.resolve(group.authToken)).toEqual({
      'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: 'TokenSecret' }, ':SecretString:token::}}']],
    });
  });

  test.each<[string, Build, string]>([
    ['a literal', token(() => 'correct-horse-battery-staple'), '`AuthToken` is written in the template, not only as a secret dynamic reference.'],
    ['a parameter with a Default', token((s) => tokenParameter(s, { noEcho: true, default: 'correct-horse-battery-staple' }).valueAsString),
      '`AuthToken` is parameter TokenParam, whose Default is in the template.'],
    ['a parameter without NoEcho', token((s) => tokenParameter(s, {}).valueAsString),
      '`AuthToken` is parameter TokenParam without NoEcho, shown in plain text by the console and DescribeStacks.'],
    ['an Fn::ImportValue', token(() => Fn.importValue('CacheAuthToken')),
      '`AuthToken` is a deploy-time value (Fn::ImportValue) the template does not show the origin of.'],
  ])('the finding says where %s token is, never the token itself', (_, build, found) => {
    // GIVEN
    const { app, stack } = newStack();
    build(stack);

    // WHEN
    const violation = new HitrustChecks().validateScope(app).violations.find((v) => v.ruleName === HitrustRuleId.ELASTICACHE_AUTHENTICATION);

    // THEN
    expect(violation?.description).toContain(` Found: ${found.replace(/\.$/, '')} - (Control IDs: `);
    expect(violation?.description).not.toContain('correct-horse-battery-staple');
  });

  test('the pack reports an imported token, and passes a NoEcho parameter without a Default', () => {
    const { app, stack } = newStack();
    token(() => Fn.importValue('CacheAuthToken'))(stack);
    const other = new Stack(app, 'Other');
    token((s) => tokenParameter(s, { noEcho: true }).valueAsString)(other);

    expect(findings(app)).toEqual({ [HitrustRuleId.ELASTICACHE_AUTHENTICATION]: ['Stack/Cache'] });
  });
});
