/**
 * Bounded polling: every wait of one rotation step draws from the same time budget, so the step fails
 * with a clear message before Lambda kills it with a bare timeout.
 */
import { RotationError } from './rotation-error';

/** Time source, replaceable in tests so that waits finish instantly. */
export interface Clock {
  /** Milliseconds since some fixed point. */
  now(): number;
  /** Resolves after `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
}

/** The real clock. */
export const SYSTEM_CLOCK: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** What one wait polls for. */
export interface PollOptions<T> {
  /** Reads the current state. */
  readonly poll: () => Promise<T>;
  /** Whether the state is the one waited for. */
  readonly done: (state: T) => boolean;
  /** The error message when the budget runs out, given the last state seen and the seconds waited. */
  readonly timeoutMessage: (last: T, waitedSeconds: number) => string;
}

/**
 * A time budget shared by the waits of one step.
 */
export class PollingBudget {
  private readonly deadline: number;

  constructor(
    budgetMs: number,
    /** Pause between two polls. */
    private readonly intervalMs: number,
    private readonly clock: Clock = SYSTEM_CLOCK,
  ) {
    this.deadline = clock.now() + budgetMs;
  }

  /**
   * Polls until `done` holds, at least once, and never past the deadline.
   *
   * @returns the state that satisfied `done`
   * @throws RotationError with `timeoutMessage` when the budget is spent first
   */
  public async waitFor<T>(options: PollOptions<T>): Promise<T> {
    const started = this.clock.now();
    for (;;) {
      const state = await options.poll();
      if (options.done(state)) return state;
      const remaining = this.deadline - this.clock.now();
      if (remaining <= 0) {
        throw new RotationError(options.timeoutMessage(state, Math.round((this.clock.now() - started) / 1000)));
      }
      await this.clock.sleep(Math.min(this.intervalMs, remaining));
    }
  }
}
