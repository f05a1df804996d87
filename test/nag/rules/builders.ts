import { CfnParameter, type CfnResource, type IResolvable, type Stack } from 'aws-cdk-lib';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import type { NagRuleResult } from 'cdk-nag';
import {
  bestCacheClusterProps,
  compliantReplicationGroupProps,
  compliantServerlessCacheProps,
  newStack,
  stateArchive,
  supportingResources,
} from '../fixtures';

/** Builds one resource in a stack. */
export type Build = (stack: Stack) => CfnResource;

/** Property overrides, or a function of the stack for overrides that need one (parameters, references). */
export type Overrides<T> = Partial<T> | ((stack: Stack) => Partial<T>);

function apply<T>(stack: Stack, overrides: Overrides<T>): Partial<T> {
  return typeof overrides === 'function' ? overrides(stack) : overrides;
}

/** The compliant raw-L1 replication group (with its supporting resources), with overrides. */
export function replicationGroup(overrides: Overrides<elasticache.CfnReplicationGroupProps> = {}): Build {
  return (stack) => {
    const resources = supportingResources(stack);
    const group = new elasticache.CfnReplicationGroup(stack, 'Cache', compliantReplicationGroupProps(resources, { overrides: apply(stack, overrides) }));
    return stateArchive(group, resources.archiveBucket);
  };
}

/** A standalone CacheCluster with every setting a CacheCluster can have, with overrides. */
export function cacheCluster(overrides: Overrides<elasticache.CfnCacheClusterProps> = {}): Build {
  return (stack) => new elasticache.CfnCacheCluster(stack, 'Cluster', bestCacheClusterProps(apply(stack, overrides)));
}

/** A compliant serverless cache, with overrides. */
export function serverlessCache(overrides: Overrides<elasticache.CfnServerlessCacheProps> = {}): Build {
  return (stack) => new elasticache.CfnServerlessCache(stack, 'Serverless', compliantServerlessCacheProps(apply(stack, overrides)));
}

/** A deploy-time string (a Ref to a CfnParameter). */
export function deployTimeString(stack: Stack, id: string = 'StringParam'): string {
  return new CfnParameter(stack, id, { type: 'String' }).valueAsString;
}

/** A deploy-time number. */
export function deployTimeNumber(stack: Stack, id: string = 'NumberParam'): number {
  return new CfnParameter(stack, id, { type: 'Number' }).valueAsNumber;
}

/** A deploy-time list of strings. */
export function deployTimeList(stack: Stack, id: string = 'ListParam'): string[] {
  return new CfnParameter(stack, id, { type: 'CommaDelimitedList' }).valueAsList;
}

/** A deploy-time value of any type (booleans, structs). */
export function deployTimeValue(stack: Stack, id: string = 'ValueParam'): IResolvable {
  return new CfnParameter(stack, id, { type: 'String' }).value;
}

/** Builds the resource in a fresh app and applies the rule to it. */
export function runRule(rule: (node: CfnResource) => NagRuleResult, build: Build): NagRuleResult {
  const { stack } = newStack();
  return rule(build(stack));
}

/** Builds with jsii deprecation warnings off (for cases that set deprecated EC2-Classic properties on purpose). */
export function quietly(build: Build): Build {
  return (stack) => {
    const previous = process.env.JSII_DEPRECATED;
    process.env.JSII_DEPRECATED = 'quiet';
    try {
      return build(stack);
    } finally {
      if (previous === undefined) {
        delete process.env.JSII_DEPRECATED;
      } else {
        process.env.JSII_DEPRECATED = previous;
      }
    }
  };
}

/** One row of a rule's case table: what it checks, the resource it builds, the expected result. */
export type Case = [description: string, build: Build, expected: NagRuleResult];
