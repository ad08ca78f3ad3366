import type { Response } from 'express';

/** A comment line every 15 s keeps proxies from closing a quiet stream and lets the page notice a dead one. */
const HEARTBEAT_MS = 15_000;

/**
 * Turns the response into a server-sent event stream. `subscribe` is given the function that writes one event and
 * returns its unsubscribe, which runs when the client goes away.
 */
export function eventStream(res: Response, subscribe: (send: (type: string, data: unknown) => void) => () => void) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive' });
  res.write(': connected\n\n');
  const unsubscribe = subscribe((type, data) => res.write(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`));
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS).unref();
  res.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}
