/**
 * Which automatic snapshot the daily export takes, and the names it writes to S3. Pure functions, no SDK calls.
 *
 * This module must stay free of aws-cdk-lib imports: it is bundled into the Lambda function.
 */
import type { Snapshot } from '@aws-sdk/client-elasticache';

/** `Snapshot.SnapshotSource` of an automatic snapshot (the request filter for the same thing is `system`). */
export const AUTOMATED_SOURCE = 'automated';
/** The only status in which a snapshot can be exported. */
export const AVAILABLE_STATUS = 'available';
/** Statuses of a snapshot that is being copied or exported right now: an earlier run's export is still under way. */
export const IN_PROGRESS_STATUSES: readonly string[] = ['copying', 'exporting'];
/** The prefix ElastiCache gives automatic snapshot names: `automatic.<replication-group-id>-<yyyy-mm-dd-hh-mm>`. */
const AUTOMATIC_NAME_PREFIX = 'automatic.';

/** What the export should do with the group's automatic snapshots. */
export interface SnapshotChoice {
  /** The newest `available` automatic snapshot: the one to export. Undefined when there is none. */
  readonly exportable?: Snapshot;
  /** The `available` automatic snapshot before `exportable`: the one the previous day's run exported. */
  readonly previous?: Snapshot;
  /** The newest automatic snapshot whatever its status (it may still be `creating`). Undefined when there is none. */
  readonly newest?: Snapshot;
  /** How many automatic snapshots the group has, whatever their status. */
  readonly automaticCount: number;
  /** Whether the newest automatic snapshot is being copied or exported right now. */
  readonly exportInProgress: boolean;
}

/**
 * When the snapshot was taken: the latest `SnapshotCreateTime` of its node snapshots (one per shard), in epoch
 * milliseconds. Undefined when ElastiCache reported none (a snapshot still being created).
 */
export function snapshotTime(snapshot: Snapshot): number | undefined {
  const times = (snapshot.NodeSnapshots ?? [])
    .map((node) => node.SnapshotCreateTime?.getTime())
    .filter((t): t is number => t !== undefined && !Number.isNaN(t));
  return times.length > 0 ? Math.max(...times) : undefined;
}

/**
 * Newest first: by snapshot time, then by name (automatic names end with the date). A snapshot without a time is
 * still being created, so it counts as the newest.
 */
function newestFirst(a: Snapshot, b: Snapshot): number {
  const [ta, tb] = [snapshotTime(a) ?? Infinity, snapshotTime(b) ?? Infinity];
  if (ta !== tb) return tb > ta ? 1 : -1;
  return (b.SnapshotName ?? '').localeCompare(a.SnapshotName ?? '');
}

/**
 * Picks the newest `available` automatic snapshot and the one before it, ignoring manual ones, and notes whether an
 * even newer one is still being created or already being exported.
 */
export function chooseSnapshot(snapshots: readonly Snapshot[]): SnapshotChoice {
  const automatic = snapshots
    .filter((s) => s.SnapshotSource === AUTOMATED_SOURCE && (s.SnapshotName ?? '') !== '')
    .sort(newestFirst);
  const newest = automatic[0];
  const available = automatic.filter((s) => s.SnapshotStatus === AVAILABLE_STATUS);
  return {
    newest,
    exportable: available[0],
    previous: available[1],
    automaticCount: automatic.length,
    exportInProgress: newest !== undefined && IN_PROGRESS_STATUSES.includes(newest.SnapshotStatus ?? ''),
  };
}

/**
 * The `TargetSnapshotName` of an export: the snapshot's name without `automatic.`, i.e.
 * `<replication-group-id>-<yyyy-mm-dd-hh-mm>`. Unique per snapshot, so one export never overwrites another.
 */
export function targetSnapshotName(snapshotName: string): string {
  const name = snapshotName.startsWith(AUTOMATIC_NAME_PREFIX) ? snapshotName.slice(AUTOMATIC_NAME_PREFIX.length) : snapshotName;
  return name === '' ? snapshotName : name;
}

/**
 * The key prefix of the objects an export writes. ElastiCache names them `<TargetSnapshotName>-0001.rdb`,
 * `-0002.rdb` ... (one per shard).
 *
 * @see https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-exporting.html
 */
export function exportedObjectPrefix(target: string): string {
  return `${target}-`;
}
