import type { CfnResource } from 'aws-cdk-lib';
import { resolvePrimitive } from './resolve';

/** The engine of an ElastiCache resource, normalised (CloudFormation accepts any case). */
export enum EngineFamily {
  REDIS = 'redis',
  VALKEY = 'valkey',
  MEMCACHED = 'memcached',
  /** A literal engine name ElastiCache does not know. */
  OTHER = 'other',
  /** A deploy-time value (parameter, import): checked like Redis OSS, the strictest reading (fail closed). */
  UNRESOLVED = 'unresolved',
}

/** Classifies an Engine property value; `defaultEngine` applies when it is absent (a ReplicationGroup defaults to redis). */
export function engineFamily(node: CfnResource, engine: unknown, defaultEngine?: EngineFamily): EngineFamily {
  const r = resolvePrimitive(node, engine);
  if (r.kind === 'absent') {
    return defaultEngine ?? EngineFamily.OTHER;
  }
  if (r.kind === 'unresolved' || typeof r.value !== 'string') {
    return r.kind === 'unresolved' ? EngineFamily.UNRESOLVED : EngineFamily.OTHER;
  }
  switch (r.value.trim().toLowerCase()) {
    case 'redis': return EngineFamily.REDIS;
    case 'valkey': return EngineFamily.VALKEY;
    case 'memcached': return EngineFamily.MEMCACHED;
    default: return EngineFamily.OTHER;
  }
}

/** True for Redis OSS, Valkey, and an unresolved engine (fail closed). */
export function isRedisCompatible(engine: EngineFamily): boolean {
  return engine === EngineFamily.REDIS || engine === EngineFamily.VALKEY || engine === EngineFamily.UNRESOLVED;
}

/** A parsed engine version. A missing or `x` minor/patch means "the latest of that major/minor" (Infinity). */
export interface ParsedEngineVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

/** What the template says about the engine version. */
export type EngineVersionInfo =
  | { readonly kind: 'absent' }
  | { readonly kind: 'parsed'; readonly version: ParsedEngineVersion }
  | { readonly kind: 'unknown' };

const VERSION_PATTERN = /^(\d+)(?:\.(\d+|x))?(?:\.(\d+|x))?$/i;

/**
 * Parses `7.1`, `6.2`, `7.0.5`, `6.x`, `8` (a serverless major version). Returns undefined for anything else.
 */
export function parseEngineVersion(version: string): ParsedEngineVersion | undefined {
  const match = VERSION_PATTERN.exec(version.trim());
  if (!match) {
    return undefined;
  }
  const part = (p: string | undefined): number => (p === undefined || p.toLowerCase() === 'x' ? Infinity : Number(p));
  return { major: Number(match[1]), minor: part(match[2]), patch: part(match[3]) };
}

/** Reads an EngineVersion / MajorEngineVersion property. */
export function engineVersionInfo(node: CfnResource, version: unknown): EngineVersionInfo {
  const r = resolvePrimitive(node, version);
  if (r.kind === 'absent') {
    return { kind: 'absent' };
  }
  const parsed = r.kind === 'literal' ? parseEngineVersion(String(r.value)) : undefined;
  return parsed ? { kind: 'parsed', version: parsed } : { kind: 'unknown' };
}

/** `version >= major.minor.patch`. */
export function versionAtLeast(version: ParsedEngineVersion, major: number, minor: number, patch: number = 0): boolean {
  if (version.major !== major) {
    return version.major > major;
  }
  if (version.minor !== minor) {
    return version.minor > minor;
  }
  return version.patch >= patch;
}
