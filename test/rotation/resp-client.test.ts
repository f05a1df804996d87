import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import * as tls from 'tls';
import {
  authenticateAndPing,
  type CacheEndpoint,
  connectTcp,
  connectTls,
  encodeCommand,
  parseReply,
  RespServerError,
  sendCommands,
} from '../../src/rotation/resp-client';

/** Answers each command with what `reply` returns (undefined: no answer), and records the commands. */
type Responder = (command: string[], socket: net.Socket) => string | undefined;

interface FakeServer {
  readonly endpoint: CacheEndpoint;
  readonly received: string[][];
  close(): Promise<void>;
}

/** Decodes the RESP arrays of bulk strings in `buffer`; returns the commands and the bytes left over. */
function decodeCommands(buffer: Buffer): { commands: string[][]; rest: Buffer } {
  const commands: string[][] = [];
  let text = buffer.toString('latin1');
  for (;;) {
    const match = /^\*(\d+)\r\n/.exec(text);
    if (!match) break;
    let offset = match[0].length;
    const args: string[] = [];
    for (let i = 0; i < Number(match[1]); i++) {
      const header = /^\$(\d+)\r\n/.exec(text.slice(offset));
      if (!header || text.length < offset + header[0].length + Number(header[1]) + 2) return { commands, rest: Buffer.from(text, 'latin1') };
      offset += header[0].length;
      args.push(Buffer.from(text.slice(offset, offset + Number(header[1])), 'latin1').toString('utf-8'));
      offset += Number(header[1]) + 2;
    }
    commands.push(args);
    text = text.slice(offset);
  }
  return { commands, rest: Buffer.from(text, 'latin1') };
}

/** A RESP server on the loopback interface, plain TCP. */
async function fakeServer(reply: Responder): Promise<FakeServer> {
  const received: string[][] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    let pending: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      const decoded = decodeCommands(Buffer.concat([pending, chunk]));
      pending = decoded.rest;
      for (const command of decoded.commands) {
        received.push(command);
        const answer = reply(command, socket);
        if (answer !== undefined) socket.write(answer);
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    endpoint: { host: '127.0.0.1', port },
    received,
    close: () => new Promise<void>((resolve) => {
      sockets.forEach((s) => s.destroy());
      server.close(() => resolve());
    }),
  };
}

/** Answers AUTH with +OK and PING with +PONG, like a cache that accepts the credential. */
const ACCEPTING: Responder = (command) => (command[0] === 'AUTH' ? '+OK\r\n' : '+PONG\r\n');

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('sending commands', () => {
  test('AUTH and PING go out as RESP arrays, any character intact, and OK and PONG come back', async () => {
    // GIVEN
    server = await fakeServer(ACCEPTING);

    // WHEN
    const replies = await sendCommands(server.endpoint, [['AUTH', 'app', 'p@ss "w\\rd" $1'], ['PING']], { timeoutMs: 2_000, connect: connectTcp });

    // THEN
    expect(replies).toEqual(['OK', 'PONG']);
    expect(server.received).toEqual([['AUTH', 'app', 'p@ss "w\\rd" $1'], ['PING']]);
  });

  test('replies split across packets are put together', async () => {
    server = await fakeServer((command, socket) => {
      if (command[0] === 'AUTH') {
        socket.write('+O');
        setTimeout(() => socket.write('K\r\n'), 20);
        return undefined;
      }
      return '+PONG\r\n';
    });
    await expect(sendCommands(server.endpoint, [['AUTH', 'token'], ['PING']], { timeoutMs: 2_000, connect: connectTcp }))
      .resolves.toEqual(['OK', 'PONG']);
  });

  test('authenticateAndPing accepts OK then PONG', async () => {
    server = await fakeServer(ACCEPTING);
    await expect(authenticateAndPing(server.endpoint, ['token'], { timeoutMs: 2_000, connect: connectTcp })).resolves.toBeUndefined();
  });
});

describe('failures', () => {
  test('an error reply becomes an error with the server text, and no further command is sent', async () => {
    // GIVEN
    server = await fakeServer((command) => (command[0] === 'AUTH' ? '-WRONGPASS invalid username-password pair or user is disabled.\r\n' : '+PONG\r\n'));

    // WHEN
    const failure = authenticateAndPing(server.endpoint, ['app', 'secret-password'], { timeoutMs: 2_000, connect: connectTcp });

    // THEN
    await expect(failure).rejects.toThrow(RespServerError);
    await expect(failure).rejects.toThrow('AUTH was refused by the server: WRONGPASS invalid username-password pair or user is disabled.');
    await expect(failure).rejects.not.toThrow(/secret-password/);
    expect(server.received.map((c) => c[0])).toEqual(['AUTH']);
  });

  test('fails after the timeout when the server does not answer', async () => {
    server = await fakeServer(() => undefined);
    const { host, port } = server.endpoint;
    await expect(sendCommands(server.endpoint, [['PING']], { timeoutMs: 100, connect: connectTcp }))
      .rejects.toThrow(`no reply from ${host}:${port} within 100 ms`);
  });

  test('fails when the server closes the connection before answering', async () => {
    server = await fakeServer((_command, socket) => {
      socket.end();
      return undefined;
    });
    await expect(sendCommands(server.endpoint, [['PING']], { timeoutMs: 2_000, connect: connectTcp }))
      .rejects.toThrow(/closed after 0 of 1 replies/);
  });

  test('fails when nothing listens on the port', async () => {
    server = await fakeServer(ACCEPTING);
    const endpoint = server.endpoint;
    await server.close();
    server = undefined;
    await expect(sendCommands(endpoint, [['PING']], { timeoutMs: 2_000, connect: connectTcp }))
      .rejects.toThrow(`connection to 127.0.0.1:${endpoint.port} failed: connect ECONNREFUSED`);
  });

  test('authenticateAndPing fails when the answers are not OK and PONG', async () => {
    server = await fakeServer(() => '+OK\r\n');
    await expect(authenticateAndPing(server.endpoint, ['token'], { timeoutMs: 2_000, connect: connectTcp }))
      .rejects.toThrow(/answered AUTH and PING with 'OK', 'OK' instead of 'OK', 'PONG'/);
  });

  test('fails on a reply type the client does not read', async () => {
    server = await fakeServer(() => '$4\r\nPONG\r\n');
    await expect(sendCommands(server.endpoint, [['PING']], { timeoutMs: 2_000, connect: connectTcp }))
      .rejects.toThrow(/unexpected RESP reply type '\$'/);
  });
});

describe('TLS', () => {
  test('connectTls speaks TLS: a plaintext server is refused', async () => {
    // GIVEN: a plaintext server that answers whatever it receives
    const plain = net.createServer((socket) => socket.on('data', () => socket.end('+PONG\r\n')));
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const port = (plain.address() as net.AddressInfo).port;

    try {
      // WHEN / THEN
      await expect(sendCommands({ host: '127.0.0.1', port }, [['PING']], { timeoutMs: 2_000, connect: connectTls }))
        .rejects.toThrow(/connection to 127\.0\.0\.1:\d+ failed: .*(wrong version number|packet length too long)/);
    } finally {
      plain.close();
    }
  });

  test('connectTls verifies the server certificate: a self-signed one is refused before anything is sent', async () => {
    // GIVEN: a TLS RESP server on the loopback interface with a certificate made for this test (needs the openssl CLI)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resp-tls-'));
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    const commands: string[] = [];
    const tlsServer = tls.createServer(
      { key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) },
      (socket) => socket.on('data', (chunk: Buffer) => {
        commands.push(chunk.toString());
        socket.write('+PONG\r\n');
      }),
    );
    await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
    const port = (tlsServer.address() as net.AddressInfo).port;

    try {
      // WHEN / THEN
      await expect(sendCommands({ host: '127.0.0.1', port }, [['PING']], { timeoutMs: 2_000, connect: connectTls }))
        .rejects.toThrow(`connection to 127.0.0.1:${port} failed: self-signed certificate`);
      expect(commands).toEqual([]);
    } finally {
      tlsServer.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the wire format', () => {
  test('a command is an array of bulk strings whose lengths count bytes, not characters', () => {
    expect(encodeCommand(['AUTH', 'pä']).toString('utf-8')).toEqual('*2\r\n$4\r\nAUTH\r\n$3\r\npä\r\n');
  });

  test('simple strings, integers and errors are read; incomplete replies wait for more bytes', () => {
    expect(parseReply(Buffer.from('+OK\r\n+PONG\r\n'))).toEqual({ reply: { kind: 'simple', value: 'OK' }, length: 5 });
    expect(parseReply(Buffer.from(':1\r\n'))).toEqual({ reply: { kind: 'simple', value: '1' }, length: 4 });
    expect(parseReply(Buffer.from('-ERR no\r\n'))).toEqual({ reply: { kind: 'error', message: 'ERR no' }, length: 9 });
    expect(parseReply(Buffer.from('+PO'))).toBeUndefined();
  });
});
