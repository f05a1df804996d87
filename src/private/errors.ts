/**
 * Thrown when the props of a construct break a HITRUST control or an AWS limit.
 *
 * Every problem is collected first and reported at once, one line each, so that a user fixes
 * everything in one round instead of one synth per mistake.
 */
export class HitrustValidationError extends Error {
  /** The individual problems, one sentence each (no trailing period). */
  public readonly problems: string[];

  constructor(constructName: string, problems: string[]) {
    super(`${constructName} validation failed:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    this.name = 'HitrustValidationError';
    this.problems = problems;
  }
}
