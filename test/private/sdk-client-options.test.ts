import * as net from 'net';
import { DescribeReplicationGroupsCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { SDK_CLIENT_OPTIONS } from '../../src/private/sdk-client-options';

/** A TCP server on loopback that accepts connections and never answers: a stalled endpoint. */
async function blackHole(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => { sockets.add(socket); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

describe('SDK client options of the Lambda functions', () => {
  test('set connection and request timeouts, and make a breached request timeout an error', () => {
    // the SDK's defaults are 0: "Defaults to 0, which disables the timeout" (@smithy/types NodeHttpHandlerOptions)
    expect(SDK_CLIENT_OPTIONS.requestHandler.connectionTimeout).toBeGreaterThan(0);
    expect(SDK_CLIENT_OPTIONS.requestHandler.requestTimeout).toBeGreaterThan(0);
    expect(SDK_CLIENT_OPTIONS.requestHandler.throwOnRequestTimeout).toBe(true);
  });

  test('a call to a stalled endpoint fails with a TimeoutError instead of hanging until the Lambda timeout', async () => {
    // GIVEN an endpoint that accepts and never answers, and the options with a short request timeout
    const hole = await blackHole();
    const client = new ElastiCacheClient({
      ...SDK_CLIENT_OPTIONS,
      requestHandler: { ...SDK_CLIENT_OPTIONS.requestHandler, requestTimeout: 300 },
      maxAttempts: 1,
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${hole.port}`,
      credentials,
    });
    try {
      // WHEN / THEN
      const started = Date.now();
      await expect(client.send(new DescribeReplicationGroupsCommand({}))).rejects.toThrow(/timed? ?out/i);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      client.destroy();
      await hole.close();
    }
  });

  test('the bundled handlers create every client with the options', () => {
    const fs = jest.requireActual<typeof import('fs')>('fs');
    for (const handler of ['src/rotation/rotate.lambda.ts', 'src/archive/export.lambda.ts']) {
      const source = fs.readFileSync(handler, 'utf-8');
      const clients = source.match(/new \w+Client\(([^)]*)\)/g) ?? [];
      expect(clients.length).toBeGreaterThan(0);
      for (const c of clients) expect({ handler, c }).toEqual({ handler, c: expect.stringContaining('(SDK_CLIENT_OPTIONS)') });
    }
  });
});
