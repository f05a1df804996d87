/**
 * Options for every AWS SDK client of the library's Lambda functions.
 *
 * The SDK's Node.js request handler has no timeouts by default: "Defaults to 0, which disables the timeout"
 * (`connectionTimeout`, `requestTimeout`, @smithy/types NodeHttpHandlerOptions). A stalled endpoint (a VPC endpoint
 * or NAT route that drops packets) would then hold the call until the Lambda timeout ends the invocation with
 * nothing but "Task timed out". With these, the call fails in seconds with the SDK's TimeoutError, the SDK retries
 * it, and the function reports the error it knows.
 */
export const SDK_CLIENT_OPTIONS = {
  requestHandler: {
    /** Milliseconds to open the TCP + TLS connection. */
    connectionTimeout: 3_000,
    /** Milliseconds for the whole request and response. */
    requestTimeout: 20_000,
    /** Without it, a breached requestTimeout only logs a warning (@smithy/types 4.x). */
    throwOnRequestTimeout: true,
  },
  /** The SDK's standard retry mode: 3 attempts in all. */
  maxAttempts: 3,
} as const;
