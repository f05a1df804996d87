/**
 * An error of the rotation function whose message already says what went wrong and what to check.
 * Any other error (an AWS SDK error, a socket error) gets the failing step's own hint added.
 */
export class RotationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RotationError';
  }
}
