// Internal module: not re-exported by src/audit/index.ts, so not part of the package's API.

/**
 * The `snapshotRetentionPeriod` parameter that makes a group keeping exactly `minimumDays` pass
 * elasticache-redis-cluster-automatic-backup-check.
 *
 * The AWS docs say the rule is NON_COMPLIANT when the group's SnapshotRetentionLimit "is less than" the
 * parameter, and then, as an example, that with 15 it is non-compliant "if the snapshotRetentionPeriod is
 * between 0-15": the first reading passes a limit of 15, the example fails it. With `minimumDays - 1`, a group at
 * exactly the minimum passes under both readings; under the first one a group one day short passes too (the
 * construct's own validation and the HITRUST pack still reject it at synth). For a minimum of 1 the parameter
 * stays 1, so that backups turned off (0) always fail.
 *
 * @param minimumDays the least retention the group must keep, 1 to 35
 */
export function snapshotRetentionPeriodFor(minimumDays: number): number {
  return Math.max(minimumDays - 1, 1);
}
