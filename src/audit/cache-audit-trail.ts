import { Arn, ArnFormat, Token } from 'aws-cdk-lib';
import type { RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct, IConstruct } from 'constructs';
import { CompliantTrail, CompliantTrailProps } from './compliant-trail';
import { AUDIT_TRAIL_CONTROLS } from './defaults';
import { HitrustValidationError } from '../private/errors';
import { AUDIT_TRAIL_METADATA_KEY } from '../private/metadata-keys';

/** `arn:<partition>:cloudtrail:<region>:<account>:trail/<name>` */
const TRAIL_ARN_PATTERN = /^arn:[a-z-]+:cloudtrail:[a-z0-9-]+:\d{12}:trail\/[A-Za-z0-9._-]{3,128}$/;

/**
 * Where the audit trail of a cache comes from.
 */
export enum AuditTrailSource {
  /** An AWS Organizations (or account) trail that already logs management events in every Region: assumed. */
  ORGANIZATION_TRAIL = 'organization-trail',
  /** A named trail that exists already: recorded, not verified at synth. */
  EXISTING_TRAIL = 'existing-trail',
  /** A `CompliantTrail` created with the cache. */
  CREATED_TRAIL = 'created-trail',
}

/**
 * What the owner of a `CacheAuditTrail` passes when it binds the choice. Internal: only the `@internal` `_bind`
 * method uses it, so it is not part of the package's API.
 */
interface AuditTrailBindOptions {
  /**
   * The KMS key of a created trail, used when `CacheAuditTrail.create()` was given none.
   *
   * @default - the trail creates its own key
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * The removal policy of a created trail's buckets, key and log group, used when `CacheAuditTrail.create()`
   * was given none.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * The construct on which the choice is recorded as `CacheAuditTrail.METADATA_KEY` metadata.
   *
   * @default - the scope
   */
  readonly evidenceTarget?: IConstruct;
}

/**
 * The audit trail a cache uses, after binding: what was created or assumed. Internal, like `AuditTrailBindOptions`.
 */
interface AuditTrailBinding {
  /** Where the trail comes from. */
  readonly source: AuditTrailSource;
  /** One line for the evidence report, e.g. 'assumed: organization trail org-trail'. */
  readonly description: string;
  /** True when the construct did not create the trail and cannot prove at synth time that it logs. */
  readonly isAssumed: boolean;
  /**
   * The trail's name.
   *
   * @default - not named
   */
  readonly trailName?: string;
  /**
   * The trail's ARN.
   *
   * @default - not known
   */
  readonly trailArn?: string;
  /**
   * The trail created with the cache.
   *
   * @default - none was created
   */
  readonly trail?: CompliantTrail;
}

/**
 * How the API activity on a cache is audited (guide Step 6: "Provide an audit trail of all activities ... Audit
 * logging must always be on"; HITRUST 1202.09aa1, 1203.09aa1, 1204.09aa1, 12100.09ab2, 1270.09ad1).
 *
 * ElastiCache records every API call (who, what, when, from where, outcome) as a CloudTrail management event. A
 * trail that logs management events in every Region keeps them; one such trail per account is enough, and the
 * first copy of management events is free, so the default assumes the organization's trail and says so in the
 * evidence instead of creating a second, paid trail per cache.
 *
 * @see https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/logging-using-cloudtrail.html
 */
export class CacheAuditTrail {
  /**
   * The metadata key under which the audit trail choice is recorded for the evidence report.
   *
   * The entry is `{ source, description, assumed, trailName?, trailArn?, controls }`. `CompliantRedisReplicationGroup`
   * adds it to its CloudFormation resource (`resource`), whichever audit trail it is given.
   */
  public static readonly METADATA_KEY = AUDIT_TRAIL_METADATA_KEY;

  /**
   * Assume that an AWS Organizations (or account) trail already logs read and write management events in every
   * Region. Nothing is created; the evidence report shows the assumption, for an auditor to verify.
   *
   * @param trailName the organization trail's name, printed in the evidence
   */
  public static organizationTrail(trailName?: string): CacheAuditTrail {
    return new CacheAuditTrail(
      AuditTrailSource.ORGANIZATION_TRAIL,
      `assumed: organization trail ${trailName ?? 'not named'}`,
      trailName,
      undefined,
    );
  }

  /**
   * A named trail that exists already (in this or another account). Nothing is created; the ARN is recorded
   * in the evidence.
   *
   * @param trailArn arn:<partition>:cloudtrail:<region>:<account>:trail/<name>
   */
  public static existingTrail(trailArn: string): CacheAuditTrail {
    if (!Token.isUnresolved(trailArn) && !TRAIL_ARN_PATTERN.test(trailArn)) {
      throw new HitrustValidationError('CacheAuditTrail', [
        '`trailArn` must be a CloudTrail trail ARN (arn:<partition>:cloudtrail:<region>:<account>:trail/<name>) ' +
          `for HITRUST 1202.09aa1, got: '${trailArn}'`,
      ]);
    }
    const trailName = Token.isUnresolved(trailArn)
      ? undefined
      : Arn.split(trailArn, ArnFormat.SLASH_RESOURCE_NAME).resourceName;
    return new CacheAuditTrail(AuditTrailSource.EXISTING_TRAIL, `assumed: existing trail ${trailArn}`, trailName, trailArn);
  }

  /**
   * Create a `CompliantTrail` with the cache: multi-Region, log file validation, KMS-encrypted S3 bucket (SSL
   * only, archived after 90 days, kept `recordRetention`) and CloudWatch Logs (kept at least one year).
   *
   * `encryptionKey` and `removalPolicy` left unset here come from the owner (the replication group).
   *
   * @param props the trail's settings; all are optional
   */
  public static create(props: CompliantTrailProps = {}): CacheAuditTrail {
    return new CacheAuditTrail(
      AuditTrailSource.CREATED_TRAIL,
      'created: CompliantTrail (multi-Region, log file validation, KMS-encrypted S3 and CloudWatch Logs)',
      props.trailName,
      undefined,
      props,
    );
  }

  private constructor(
    /** Where the trail comes from. */
    public readonly source: AuditTrailSource,
    /** What the evidence report prints. */
    public readonly description: string,
    /** The trail's name, when known before binding. */
    public readonly trailName: string | undefined,
    /** The trail's ARN, when known before binding. */
    public readonly trailArn: string | undefined,
    private readonly trailProps?: CompliantTrailProps,
  ) {}

  /** True when nothing is created and the trail's existence is an assumption for the auditor to verify. */
  public get isAssumed(): boolean {
    return this.source !== AuditTrailSource.CREATED_TRAIL;
  }

  /**
   * Creates what this choice needs in `scope` (a `CompliantTrail` with ID 'AuditTrail', or nothing) and records
   * the choice as `CacheAuditTrail.METADATA_KEY` metadata on `options.evidenceTarget`.
   *
   * @internal
   */
  public _bind(scope: Construct, options: AuditTrailBindOptions = {}): AuditTrailBinding {
    const binding = this.trailProps ? this.createTrail(scope, this.trailProps, options) : this.assumedTrail();
    (options.evidenceTarget ?? scope).node.addMetadata(AUDIT_TRAIL_METADATA_KEY, {
      source: binding.source,
      description: binding.description,
      assumed: binding.isAssumed,
      ...(binding.trailName !== undefined ? { trailName: binding.trailName } : {}),
      ...(binding.trailArn !== undefined ? { trailArn: binding.trailArn } : {}),
      controls: AUDIT_TRAIL_CONTROLS,
    });
    return binding;
  }

  private assumedTrail(): AuditTrailBinding {
    return {
      source: this.source,
      description: this.description,
      isAssumed: true,
      trailName: this.trailName,
      trailArn: this.trailArn,
    };
  }

  private createTrail(scope: Construct, props: CompliantTrailProps, options: AuditTrailBindOptions): AuditTrailBinding {
    const trail = new CompliantTrail(scope, 'AuditTrail', {
      ...props,
      encryptionKey: props.encryptionKey ?? options.encryptionKey,
      removalPolicy: props.removalPolicy ?? options.removalPolicy,
    });
    return {
      source: this.source,
      description: `created: trail ${trail.trailName} (multi-Region, log file validation, KMS-encrypted S3 and CloudWatch Logs)`,
      isAssumed: false,
      trailName: trail.trailName,
      trailArn: trail.trailArn,
      trail,
    };
  }
}
