import { type Duration, Token } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { DEFAULT_EXPORT_DELAY } from './defaults';
import { minutesFromWindowStartToExport } from './export-schedule';
import type { SnapshotArchiveProps } from './snapshot-archive';
import { MIN_ARCHIVE_RETENTION_DAYS } from '../private/baseline';
import { HitrustValidationError } from '../private/errors';
import { MIN_LOG_RETENTION_DAYS, MIN_WINDOW_MINUTES } from '../redis/defaults';
import { parseDailyWindow } from '../redis/windows';

/** The guide's archive period (Step 5: at least 6 years), which the HITRUST pack checks on the bucket too. */
export const MIN_RETENTION_DAYS = MIN_ARCHIVE_RETENTION_DAYS;
/** The export must run before the next day's snapshot window: today's snapshot is then less than a day old. */
export const MAX_MINUTES_FROM_WINDOW_START_TO_EXPORT = 23 * 60;

/** How an alias given as the key is named in an error. */
function aliasOf(p: SnapshotArchiveProps): string {
  const name = (p.encryptionKey as unknown as { aliasName: string }).aliasName;
  return Token.isUnresolved(name) ? 'an alias' : `alias ${name}`;
}

/** One validation rule: `condition` is true when the props break it. */
interface ArchiveValidationRule {
  readonly condition: (p: SnapshotArchiveProps) => boolean;
  readonly message: (p: SnapshotArchiveProps) => string;
}

const known = (x: unknown): boolean => x !== undefined && !Token.isUnresolved(x);
const knownDuration = (d?: Duration): boolean => d !== undefined && !d.isUnresolved();
const days = (p: SnapshotArchiveProps) => p.retention?.toDays({ integral: false }) ?? 0;
const exportDelay = (p: SnapshotArchiveProps) => p.exportDelay ?? DEFAULT_EXPORT_DELAY;
const delayMinutes = (p: SnapshotArchiveProps) => exportDelay(p).toMinutes({ integral: false });
const windowMinutes = (p: SnapshotArchiveProps) => parseDailyWindow(p.snapshotWindow)?.length;
const knownWindow = (p: SnapshotArchiveProps) => known(p.snapshotWindow) && (windowMinutes(p) ?? 0) >= MIN_WINDOW_MINUTES;

/** The validation table (STYLE.md §5). Unresolved tokens are skipped, except where a literal is needed at synth time. */
const ARCHIVE_VALIDATION_RULES: readonly ArchiveValidationRule[] = [
  {
    condition: (p) => 'aliasName' in p.encryptionKey,
    message: (p) =>
      '`encryptionKey` must be a KMS key, not an alias: an IAM policy that names an alias ARN does not authorize use of ' +
      'the key behind it, and the archive function checks each copy\'s key against this ARN, so nothing could be ' +
      `archived (HITRUST 1616.09l1), got: ${aliasOf(p)}`,
  },
  {
    condition: (p) => p.dataTiering ?? false,
    message: () =>
      '`dataTiering` must be false: snapshots of data-tiering groups cannot be exported to S3 (ElastiCache user guide, ' +
      '"Exporting a backup"), so they cannot be archived for HITRUST 1616.09l1, got: true',
  },
  {
    condition: (p) => p.retention !== undefined && p.retention.isUnresolved(),
    message: () =>
      '`retention` must be known at synth time (S3 Object Lock and lifecycle rules count days) for HITRUST 1616.09l1, ' +
      'got: an unresolved token',
  },
  {
    condition: (p) => knownDuration(p.retention) && days(p) < MIN_RETENTION_DAYS,
    message: (p) => `\`retention\` must be at least ${MIN_RETENTION_DAYS} days for HITRUST 1616.09l1, got: ${p.retention?.toHumanString()}`,
  },
  {
    condition: (p) => knownDuration(p.retention) && !Number.isInteger(days(p)),
    message: (p) => `\`retention\` must be whole days (S3 Object Lock counts days) for HITRUST 1616.09l1, got: ${p.retention?.toHumanString()}`,
  },
  {
    condition: (p) => Token.isUnresolved(p.snapshotWindow),
    message: () =>
      '`snapshotWindow` must be a literal \'hh24:mi-hh24:mi\' (UTC): the export is scheduled after it at synth time ' +
      'for HITRUST 1616.09l1, got: an unresolved token',
  },
  {
    condition: (p) => known(p.snapshotWindow) && (windowMinutes(p) ?? 0) < MIN_WINDOW_MINUTES,
    message: (p) =>
      `\`snapshotWindow\` must be 'hh24:mi-hh24:mi' (UTC) and at least ${MIN_WINDOW_MINUTES} minutes for HITRUST 1616.09l1, ` +
      `got: '${p.snapshotWindow}'`,
  },
  {
    condition: (p) => knownDuration(p.exportDelay) && (delayMinutes(p) < 1 || !Number.isInteger(delayMinutes(p))),
    message: (p) => `\`exportDelay\` must be whole minutes, at least 1 minute, for HITRUST 1616.09l1, got: ${p.exportDelay?.toHumanString()}`,
  },
  {
    condition: (p) =>
      knownDuration(exportDelay(p)) &&
      knownWindow(p) &&
      (minutesFromWindowStartToExport(p.snapshotWindow, delayMinutes(p)) ?? 0) > MAX_MINUTES_FROM_WINDOW_START_TO_EXPORT,
    message: (p) =>
      `\`exportDelay\` must end at most ${MAX_MINUTES_FROM_WINDOW_START_TO_EXPORT / 60} hours after the start of \`snapshotWindow\` ` +
      `(the export must run before the next day's snapshot) for HITRUST 1616.09l1, got: ${exportDelay(p).toHumanString()} ` +
      `after '${p.snapshotWindow}'`,
  },
  {
    condition: (p) =>
      known(p.logRetention) && p.logRetention !== logs.RetentionDays.INFINITE && (p.logRetention ?? 0) < MIN_LOG_RETENTION_DAYS,
    message: (p) => `\`logRetention\` must be at least ${MIN_LOG_RETENTION_DAYS} days for HITRUST 1616.09l1, got: ${p.logRetention} days`,
  },
];

/** Throws one error listing every problem of the props. */
export function validateArchiveProps(props: SnapshotArchiveProps): void {
  const problems = ARCHIVE_VALIDATION_RULES.filter((r) => r.condition(props)).map((r) => r.message(props));
  if (problems.length > 0) throw new HitrustValidationError('SnapshotArchive', problems);
}
