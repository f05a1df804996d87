import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { acknowledgePeerFindings, inEveryPack, type PeerAcknowledgement } from '../private/peer-acknowledgements';

/**
 * AWS's words for why the topic ElastiCache publishes to is not encrypted (ElastiCache User Guide, "Managing
 * ElastiCache Amazon SNS notifications", https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ECEvents.SNS.html).
 */
export const ELASTICACHE_TOPIC_CANNOT_BE_ENCRYPTED =
  '"The Amazon SNS topic you are publishing to cannot be encrypted. ... It is possible to attach an encrypted (at-rest) ' +
  'Amazon SNS topic to the cluster. However, the status of the topic from the ElastiCache console will show as inactive, ' +
  'which effectively disassociates the topic from the cluster when ElastiCache pushes messages to the topic." ' +
  '(Amazon ElastiCache User Guide, Managing ElastiCache Amazon SNS notifications)';

/** Props of {@link ServiceNotificationTopic}. */
export interface ServiceNotificationTopicProps {
  /** The topic's display name. */
  readonly displayName: string;
}

/**
 * The topic ElastiCache publishes its own notifications to (a replication group's `NotificationTopicArn`).
 *
 * AWS makes an encrypted topic impossible here ({@link ELASTICACHE_TOPIC_CANNOT_BE_ENCRYPTED}), so the topic is
 * protected otherwise: the messages name resources and events, never cached data; only services acting for this
 * account may publish (`aws:SourceOwner`, the condition key ElastiCache requires: "the topic's access policy must use
 * the aws:SourceOwner condition key, not aws:SourceAccount"); requests without TLS are denied.
 */
export class ServiceNotificationTopic extends Construct {
  /** The topic. */
  public readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: ServiceNotificationTopicProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', { displayName: props.displayName, enforceSSL: true });
    // The topic policy replaces SNS's default one, which newly created topics write with aws:SourceAccount, a key
    // ElastiCache does not support. This is the statement of AWS's page: Principal AWS "*", SourceOwner = account.
    this.topic.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowElastiCacheNotificationsOfThisAccount',
      principals: [new iam.AnyPrincipal()],
      actions: ['sns:Publish'],
      resources: [this.topic.topicArn],
      conditions: { StringEquals: { 'aws:SourceOwner': Stack.of(this).account } },
    }));
    acknowledgePeerFindings(this, SERVICE_TOPIC_ACKNOWLEDGEMENTS);
  }
}

const UNENCRYPTED_REASON =
  `ElastiCache cannot publish to an encrypted topic: ${ELASTICACHE_TOPIC_CANNOT_BE_ENCRYPTED}. This topic carries ` +
  'ElastiCache\'s event notifications only (resource IDs and event names such as a completed failover or a failed ' +
  'snapshot, never cached data), accepts only TLS requests and only publishers acting for this account ' +
  '(aws:SourceOwner); every alert that can be encrypted goes to the cache\'s customer-managed-key topic.';

const SERVICE_TOPIC_ACKNOWLEDGEMENTS: readonly PeerAcknowledgement[] = [
  { id: 'AwsSolutions-SNS2', path: 'Topic/Resource', reason: UNENCRYPTED_REASON },
  ...inEveryPack('SNSEncryptedKMS', 'Topic/Resource', UNENCRYPTED_REASON),
];
