import net from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startLoopbackServer } from '../../server/src/testing/loopbackServer.ts';

let server: Awaited<ReturnType<typeof startLoopbackServer>> | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** Every line the server logs, parsed, at every level from debug up. */
function capturedLog() {
  const lines: Array<{ level: number; msg: string }> = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { log, lines };
}

/** Starts a JSON upload that promises more than it sends, then hangs up, as a dropped or hostile client does. */
async function abortUpload(url: string, path: string, token: string) {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(`POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nAuthorization: Bearer ${token}\r\nContent-Length: 100000\r\n\r\n{"name": "half a flow`);
  await new Promise((resolve) => setTimeout(resolve, 100));
  socket.destroy();
}

describe('Aborted uploads', () => {
  it('When clients start uploads and hang up halfway, then nothing is logged as an error, only a debug line each', async () => {
    const { log, lines } = capturedLog();
    server = await startLoopbackServer({ log });
    for (let i = 0; i < 5; i++) await abortUpload(server.url, '/api/flows', server.tokens.admin);

    await expect.poll(() => lines.filter((l) => /aborted/.test(l.msg)).length).toBe(5);
    expect(lines.filter((l) => l.level >= 40)).toEqual([]);
    expect(lines.filter((l) => /aborted/.test(l.msg)).every((l) => l.level === 20)).toBe(true);
    // The server still answers.
    expect((await fetch(`${server.url}/api/flows`)).status).toBe(200);
  });
});
