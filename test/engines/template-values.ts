import { createHash } from 'crypto';

/**
 * Turns a synthesized CloudFormation template into the values AWS would see after deployment, so that AWS's
 * own engines (event-ruler for event patterns, an IAM policy simulator for policies) can judge them.
 *
 * Every `Ref` and `Fn::GetAtt` becomes the value CloudFormation documents for that resource type (an ARN, a
 * name, an ID), built from the resource's own literal properties where the template holds them (a topic's
 * TopicName, a group's ReplicationGroupId ...) and from its logical ID otherwise. Values are deterministic, so
 * a test can compute the same ARN for the record or request it builds.
 */

/** The account and region every resolved value is in (the test stacks' env). */
export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const PARTITION = 'aws';
export const STACK_NAME = 'Stack';
export const STACK_ID = `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/${STACK_NAME}/6a1e1f70-0b0e-11ef-9c5b-0a1b2c3d4e5f`;

/** A CloudFormation template as synthesized (JSON). */
export interface CfnTemplate {
  readonly Resources: { [logicalId: string]: CfnResourceJson };
  readonly [section: string]: unknown;
}

/** One resource of a template. */
export interface CfnResourceJson {
  readonly Type: string;
  readonly Properties?: { [name: string]: unknown };
  readonly [key: string]: unknown;
}

const PSEUDO: { [name: string]: string } = {
  'AWS::AccountId': ACCOUNT,
  'AWS::Region': REGION,
  'AWS::Partition': PARTITION,
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::StackName': STACK_NAME,
  'AWS::StackId': STACK_ID,
  'AWS::NoValue': '',
};

/** Resolves every intrinsic of a template; the result holds only JSON literals. */
export function resolveTemplate(template: CfnTemplate): CfnTemplate {
  const resolver = new TemplateValues(template);
  const resources: { [logicalId: string]: CfnResourceJson } = {};
  for (const [id, resource] of Object.entries(template.Resources)) {
    resources[id] = resolver.resolve(resource) as CfnResourceJson;
  }
  return { ...template, Resources: resources };
}

/** Resolves values of one template. */
export class TemplateValues {
  constructor(private readonly template: CfnTemplate) {}

  /** The value of any template fragment, intrinsics resolved. */
  public resolve(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    if (value === null || typeof value !== 'object') return value;
    const obj = value as { [key: string]: unknown };
    const keys = Object.keys(obj);
    if (keys.length === 1) {
      const [key] = keys;
      const arg = obj[key];
      switch (key) {
        case 'Ref': return this.ref(arg as string);
        case 'Fn::GetAtt': {
          const [id, attr] = Array.isArray(arg) ? arg as string[] : (arg as string).split('.');
          return this.getAtt(id, attr);
        }
        case 'Fn::Join': {
          const [sep, parts] = arg as [string, unknown[]];
          return (this.resolve(parts) as unknown[]).map(String).join(sep);
        }
        case 'Fn::Select': {
          const [index, list] = arg as [unknown, unknown];
          return (this.resolve(list) as unknown[])[Number(this.resolve(index))];
        }
        case 'Fn::Split': {
          const [sep, source] = arg as [string, unknown];
          return String(this.resolve(source)).split(sep);
        }
        case 'Fn::Sub': return this.sub(arg);
        case 'Fn::If':
        case 'Fn::ImportValue':
        case 'Fn::FindInMap':
          throw new Error(`template-values: ${key} is not resolved by the test harness (${JSON.stringify(arg)})`);
        default:
          break;
      }
    }
    return Object.fromEntries(keys.map((k) => [k, this.resolve(obj[k])]));
  }

  /** What `Ref` returns for a resource or a pseudo parameter. */
  public ref(id: string): string {
    if (id in PSEUDO) return PSEUDO[id];
    const resource = this.resource(id);
    const p = (name: string) => this.literalProperty(id, name);
    switch (resource.Type) {
      case 'AWS::SNS::Topic': return this.arn('sns', p('TopicName') ?? id);
      case 'AWS::KMS::Key': return keyId(id);
      case 'AWS::IAM::Role': return p('RoleName') ?? id;
      case 'AWS::IAM::ManagedPolicy': return `arn:${PARTITION}:iam::${ACCOUNT}:policy/${p('ManagedPolicyName') ?? id}`;
      case 'AWS::Logs::LogGroup': return p('LogGroupName') ?? id;
      case 'AWS::ElastiCache::ReplicationGroup': return p('ReplicationGroupId') ?? id.toLowerCase();
      case 'AWS::ElastiCache::ParameterGroup': return id.toLowerCase();
      case 'AWS::ElastiCache::SubnetGroup': return p('CacheSubnetGroupName') ?? id.toLowerCase();
      case 'AWS::ElastiCache::User': return p('UserId') ?? id.toLowerCase();
      case 'AWS::ElastiCache::UserGroup': return p('UserGroupId') ?? id.toLowerCase();
      case 'AWS::S3::Bucket': return p('BucketName') ?? id.toLowerCase();
      case 'AWS::Lambda::Function': return p('FunctionName') ?? id;
      case 'AWS::SecretsManager::Secret': return `arn:${PARTITION}:secretsmanager:${REGION}:${ACCOUNT}:secret:${id}-AbCdEf`;
      case 'AWS::EC2::SecurityGroup': return `sg-${hex(id, 17)}`;
      case 'AWS::EC2::VPC': return `vpc-${hex(id, 17)}`;
      case 'AWS::EC2::Subnet': return `subnet-${hex(id, 17)}`;
      case 'AWS::CloudWatch::Alarm': return p('AlarmName') ?? id;
      case 'AWS::Events::Rule': return p('Name') ?? id;
      case 'AWS::CloudTrail::Trail': return p('TrailName') ?? id;
      default: return id;
    }
  }

  /** What `Fn::GetAtt` returns. */
  public getAtt(id: string, attr: string): string {
    const resource = this.resource(id);
    const name = this.ref(id);
    if (attr === 'Arn' || attr === 'TopicArn') {
      switch (resource.Type) {
        case 'AWS::SNS::Topic': return name;
        case 'AWS::KMS::Key': return this.arn('kms', `key/${name}`);
        case 'AWS::IAM::Role': return `arn:${PARTITION}:iam::${ACCOUNT}:role/${name}`;
        case 'AWS::Logs::LogGroup': return this.arn('logs', `log-group:${name}:*`);
        case 'AWS::CloudWatch::Alarm': return this.arn('cloudwatch', `alarm:${name}`);
        case 'AWS::Events::Rule': return this.arn('events', `rule/${name}`);
        case 'AWS::Lambda::Function': return this.arn('lambda', `function:${name}`);
        case 'AWS::S3::Bucket': return `arn:${PARTITION}:s3:::${name}`;
        case 'AWS::CloudTrail::Trail': return this.arn('cloudtrail', `trail/${name}`);
        case 'AWS::ElastiCache::User': return this.arn('elasticache', `user:${name}`);
        case 'AWS::ElastiCache::UserGroup': return this.arn('elasticache', `usergroup:${name}`);
        case 'AWS::ElastiCache::ReplicationGroup': return this.arn('elasticache', `replicationgroup:${name}`);
        default: return this.arn('unknown', `${resource.Type}/${name}`);
      }
    }
    if (resource.Type === 'AWS::ElastiCache::ReplicationGroup' && attr.endsWith('.Address')) return `${name}.abc123.cache.amazonaws.com`;
    if (resource.Type === 'AWS::ElastiCache::ReplicationGroup' && attr.endsWith('.Port')) return String(this.literalProperty(id, 'Port') ?? 6379);
    if (resource.Type === 'AWS::EC2::SecurityGroup' && attr === 'GroupId') return name;
    if (resource.Type === 'AWS::KMS::Key' && attr === 'KeyId') return name;
    if (resource.Type === 'AWS::S3::Bucket' && attr === 'RegionalDomainName') return `${name}.s3.${REGION}.amazonaws.com`;
    if (resource.Type === 'AWS::S3::Bucket' && attr === 'DomainName') return `${name}.s3.amazonaws.com`;
    if (resource.Type === 'AWS::EC2::VPC' && attr === 'CidrBlock') return '10.0.0.0/16';
    return `${id}.${attr}`;
  }

  /** An ARN in the stack's account and region. */
  public arn(service: string, resource: string): string {
    return `arn:${PARTITION}:${service}:${REGION}:${ACCOUNT}:${resource}`;
  }

  private sub(arg: unknown): string {
    const [text, vars] = Array.isArray(arg) ? arg as [string, { [name: string]: unknown }] : [arg as string, {}];
    return text.replace(/\$\{([^}!]+)\}/g, (_match, name: string) => {
      if (name in vars) return String(this.resolve(vars[name]));
      if (name.includes('.')) {
        const [id, ...attr] = name.split('.');
        return this.getAtt(id, attr.join('.'));
      }
      return this.ref(name);
    });
  }

  private resource(id: string): CfnResourceJson {
    const resource = this.template.Resources[id];
    if (!resource) throw new Error(`template-values: no resource ${id} in the template`);
    return resource;
  }

  private literalProperty(id: string, name: string): string | undefined {
    const value = this.template.Resources[id]?.Properties?.[name];
    if (value === undefined) return undefined;
    const resolved = this.resolve(value);
    return typeof resolved === 'string' || typeof resolved === 'number' ? String(resolved) : undefined;
  }
}

/** A KMS key ID (a UUID) derived from the logical ID. */
function keyId(id: string): string {
  const h = hex(id, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Deterministic lower-case hex of a given length. */
function hex(seed: string, length: number): string {
  let out = '';
  for (let round = 0; out.length < length; round++) {
    out += createHash('sha256').update(`${seed}/${round}`).digest('hex');
  }
  return out.slice(0, length);
}
