/**
 * A minimal RESP (Redis serialization protocol) client: enough to authenticate and ping a Redis OSS or
 * Valkey node over TLS, with no Redis library in the Lambda bundle.
 *
 * Commands go out one at a time as RESP arrays of bulk strings (safe for any byte in a password); replies
 * are read as simple strings (`+OK`), errors (`-WRONGPASS ...`) or integers. Command arguments never
 * appear in an error message: they may hold a password.
 *
 * @see https://redis.io/docs/latest/develop/reference/protocol-spec/
 */
import * as net from 'net';
import type { Duplex } from 'stream';
import * as tls from 'tls';

const CRLF = '\r\n';

/** Where a node listens. */
export interface CacheEndpoint {
  readonly host: string;
  readonly port: number;
}

/** Opens a byte stream to an endpoint: TLS for ElastiCache, plain TCP for local tests. */
export type Connector = (endpoint: CacheEndpoint) => Duplex;

/** Options of {@link sendCommands}. */
export interface SendCommandsOptions {
  /** The most the whole exchange (connect, every command and reply) may take. */
  readonly timeoutMs: number;
  /** How to open the connection. Default: {@link connectTls}. */
  readonly connect?: Connector;
}

/** The server answered a command with an error reply (`-ERR ...`, `-WRONGPASS ...`). */
export class RespServerError extends Error {
  constructor(
    /** The command that was refused (its name only, never its arguments). */
    public readonly command: string,
    /** The server's error text, without the leading `-`. */
    public readonly serverMessage: string,
  ) {
    super(`${command} was refused by the server: ${serverMessage}`);
    this.name = 'RespServerError';
  }
}

/** A TLS connection that verifies the server certificate against the endpoint's host name (SNI for DNS names only). */
export const connectTls: Connector = (endpoint) =>
  tls.connect({ host: endpoint.host, port: endpoint.port, servername: net.isIP(endpoint.host) ? undefined : endpoint.host });

/** A plain TCP connection (for tests against a local server; ElastiCache requires TLS). */
export const connectTcp: Connector = (endpoint) => net.connect({ host: endpoint.host, port: endpoint.port });

/** Encodes one command as a RESP array of bulk strings. */
export function encodeCommand(args: readonly string[]): Buffer {
  const parts = args.map((arg) => {
    const bytes = Buffer.from(arg, 'utf-8');
    return Buffer.concat([Buffer.from(`$${bytes.length}${CRLF}`), bytes, Buffer.from(CRLF)]);
  });
  return Buffer.concat([Buffer.from(`*${args.length}${CRLF}`), ...parts]);
}

/** One parsed reply. */
export type RespReply = { readonly kind: 'simple'; readonly value: string } | { readonly kind: 'error'; readonly message: string };

/**
 * Reads the first complete reply from `buffer`.
 *
 * @returns the reply and the bytes it used, or undefined while the reply is incomplete
 * @throws Error on a reply type this client does not read (bulk strings, arrays, RESP3 types)
 */
export function parseReply(buffer: Buffer): { reply: RespReply; length: number } | undefined {
  const end = buffer.indexOf(CRLF);
  if (end < 0) return undefined;
  const type = String.fromCharCode(buffer[0]);
  const text = buffer.subarray(1, end).toString('utf-8');
  const length = end + CRLF.length;
  switch (type) {
    case '+':
    case ':':
      return { reply: { kind: 'simple', value: text }, length };
    case '-':
      return { reply: { kind: 'error', message: text }, length };
    default:
      throw new Error(`unexpected RESP reply type '${type}' (this client reads simple strings, errors and integers only)`);
  }
}

/**
 * Sends each command in turn and returns the simple-string replies (`OK`, `PONG`).
 *
 * Stops at the first error reply and rejects with a {@link RespServerError} carrying the server's text.
 * Rejects when the connection fails, closes early, or the exchange takes longer than `timeoutMs`.
 * The connection is always closed before the promise settles.
 */
export function sendCommands(
  endpoint: CacheEndpoint,
  commands: ReadonlyArray<readonly string[]>,
  options: SendCommandsOptions,
): Promise<string[]> {
  const where = `${endpoint.host}:${endpoint.port}`;
  return new Promise<string[]>((resolve, reject) => {
    const socket = (options.connect ?? connectTls)(endpoint);
    const replies: string[] = [];
    let pending: Buffer = Buffer.alloc(0);
    let settled = false;

    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.removeAllListeners('data');
      socket.destroy();
      if (error) reject(error);
      else resolve(replies);
    };
    const timer = setTimeout(
      () => finish(new Error(`no reply from ${where} within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    const sendNext = () => {
      const next = commands[replies.length];
      if (next === undefined) finish();
      else socket.write(encodeCommand(next));
    };

    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      try {
        for (let parsed = parseReply(pending); parsed && !settled; parsed = parseReply(pending)) {
          pending = pending.subarray(parsed.length);
          const command = commands[replies.length]?.[0] ?? '(none)';
          if (parsed.reply.kind === 'error') {
            finish(new RespServerError(command, parsed.reply.message));
            return;
          }
          replies.push(parsed.reply.value);
          sendNext();
        }
      } catch (e) {
        finish(new Error(`${where}: ${(e as Error).message}`));
      }
    });
    socket.on('error', (e: Error) => finish(new Error(`connection to ${where} failed: ${e.message}`)));
    socket.on('close', () => finish(new Error(`connection to ${where} closed after ${replies.length} of ${commands.length} replies`)));
    sendNext();
  });
}

/**
 * Sends `AUTH <arguments...>` then `PING` and expects `+OK` and `+PONG`.
 *
 * @throws RespServerError when the server refuses the credential; Error when it cannot be reached
 */
export async function authenticateAndPing(
  endpoint: CacheEndpoint,
  authArguments: readonly string[],
  options: SendCommandsOptions,
): Promise<void> {
  const replies = await sendCommands(endpoint, [['AUTH', ...authArguments], ['PING']], options);
  if (replies[0] !== 'OK' || replies[1] !== 'PONG') {
    throw new Error(`${endpoint.host}:${endpoint.port} answered AUTH and PING with '${replies.join("', '")}' instead of 'OK', 'PONG'`);
  }
}
