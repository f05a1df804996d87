/**
 * Parsing and overlap of ElastiCache's snapshot window (daily, `hh24:mi-hh24:mi`, UTC) and maintenance
 * window (weekly, `ddd:hh24:mi-ddd:hh24:mi`, UTC). Pure functions, no CDK.
 */

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MINUTES_PER_DAY = 24 * 60;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

/** A half-open interval of minutes `[start, start + length)`, measured in a day or a week. */
export interface MinuteRange {
  readonly start: number;
  readonly length: number;
}

function clock(text: string): number | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

function span(start: number, end: number, period: number): number {
  return (((end - start) % period) + period) % period;
}

/** Parses `hh24:mi-hh24:mi`; undefined when the text is not of that form. */
export function parseDailyWindow(text: string): MinuteRange | undefined {
  const parts = text.split('-');
  if (parts.length !== 2) return undefined;
  const [start, end] = parts.map(clock);
  if (start === undefined || end === undefined) return undefined;
  return { start, length: span(start, end, MINUTES_PER_DAY) };
}

/** Parses `ddd:hh24:mi-ddd:hh24:mi`; undefined when the text is not of that form. */
export function parseWeeklyWindow(text: string): MinuteRange | undefined {
  const m = /^([a-z]{3}):(\d\d:\d\d)-([a-z]{3}):(\d\d:\d\d)$/.exec(text.toLowerCase());
  if (!m) return undefined;
  const [startDay, endDay] = [DAYS.indexOf(m[1]), DAYS.indexOf(m[3])];
  const [startClock, endClock] = [clock(m[2]), clock(m[4])];
  if (startDay < 0 || endDay < 0 || startClock === undefined || endClock === undefined) return undefined;
  const start = startDay * MINUTES_PER_DAY + startClock;
  return { start, length: span(start, endDay * MINUTES_PER_DAY + endClock, MINUTES_PER_WEEK) };
}

function intersects(a: MinuteRange, b: MinuteRange, period: number): boolean {
  // b starts inside a, or a starts inside b (each measured modulo the period)
  return span(a.start, b.start, period) < a.length || span(b.start, a.start, period) < b.length;
}

/** Whether a daily snapshot window overlaps a weekly maintenance window on any day of the week. */
export function windowsOverlap(daily: MinuteRange, weekly: MinuteRange): boolean {
  for (let day = 0; day < 7; day++) {
    if (intersects({ start: day * MINUTES_PER_DAY + daily.start, length: daily.length }, weekly, MINUTES_PER_WEEK)) {
      return true;
    }
  }
  return false;
}
