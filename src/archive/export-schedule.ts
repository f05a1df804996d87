/**
 * When the daily export runs: a fixed time of day (UTC) after the end of the group's snapshot window. Pure
 * functions, no CDK.
 */
import { parseDailyWindow } from '../redis/windows';

const MINUTES_PER_DAY = 24 * 60;

/** A time of day in UTC. */
export interface TimeOfDay {
  readonly hour: number;
  readonly minute: number;
}

/** Minutes from the start of the snapshot window to the export: the window's length plus the delay. */
export function minutesFromWindowStartToExport(snapshotWindow: string, delayMinutes: number): number | undefined {
  const window = parseDailyWindow(snapshotWindow);
  return window === undefined ? undefined : window.length + delayMinutes;
}

/**
 * The time of day (UTC) `delayMinutes` after the end of a daily `hh24:mi-hh24:mi` window, wrapping past midnight;
 * undefined when the window is not of that form.
 *
 * @example exportTimeOfDay('03:00-05:00', 60) // { hour: 6, minute: 0 }
 */
export function exportTimeOfDay(snapshotWindow: string, delayMinutes: number): TimeOfDay | undefined {
  const window = parseDailyWindow(snapshotWindow);
  if (window === undefined) return undefined;
  const minutes = (((window.start + window.length + delayMinutes) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return { hour: Math.floor(minutes / 60), minute: minutes % 60 };
}
