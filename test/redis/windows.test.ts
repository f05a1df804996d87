import { parseDailyWindow, parseWeeklyWindow, windowsOverlap } from '../../src/redis/windows';

describe('maintenance and snapshot windows', () => {
  test('parses a daily window, including one that crosses midnight', () => {
    expect(parseDailyWindow('03:00-05:00')).toEqual({ start: 180, length: 120 });
    expect(parseDailyWindow('23:30-00:30')).toEqual({ start: 1410, length: 60 });
  });

  test('parses a weekly window, including one that crosses the end of the week', () => {
    expect(parseWeeklyWindow('sun:06:00-sun:07:00')).toEqual({ start: 360, length: 60 });
    expect(parseWeeklyWindow('sat:23:00-sun:01:00')).toEqual({ start: 6 * 1440 + 1380, length: 120 });
  });

  test.each(['3:00-05:00', '03:00', '25:00-26:00', 'abc'])('does not parse daily window %s', (w) => {
    expect(parseDailyWindow(w)).toBeUndefined();
  });

  test.each(['sun:06:00', 'xyz:06:00-sun:07:00', 'sun:6:00-sun:07:00'])('does not parse weekly window %s', (w) => {
    expect(parseWeeklyWindow(w)).toBeUndefined();
  });

  test.each([
    ['03:00-05:00', 'sun:06:00-sun:07:00', false],
    ['03:00-05:00', 'wed:04:00-wed:05:00', true],
    ['03:00-05:00', 'wed:05:00-wed:06:00', false],
    ['23:00-01:00', 'mon:00:30-mon:01:30', true],
    ['05:00-06:00', 'sat:23:00-sun:05:30', true],
  ])('snapshot %s and maintenance %s overlap: %s', (daily, weekly, overlap) => {
    expect(windowsOverlap(parseDailyWindow(daily)!, parseWeeklyWindow(weekly)!)).toBe(overlap);
  });
});
