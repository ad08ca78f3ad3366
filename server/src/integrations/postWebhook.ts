import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { WebhookProblem, WebhookTarget } from './resolveWebhookTarget.ts';

export type AttemptResult = { status: number; reply?: string } | { problem: WebhookProblem };

/**
 * One POST to an already checked address. Never rejects: a network failure or timeout comes back as a
 * retryable problem. `timeoutMs` bounds the whole attempt, from connecting to the response's status line.
 */
export function postWebhook(
  target: WebhookTarget,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  /** Read the reply's body, up to this many bytes (a longer one comes back without it); by default it is not read. */
  maxReply?: number,
): Promise<AttemptResult> {
  const { url, address } = target;
  const secure = url.protocol === 'https:';
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');

  return new Promise<AttemptResult>((resolve) => {
    let settled = false;
    const finish = (result: AttemptResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };

    const req = (secure ? httpsRequest : httpRequest)(
      {
        host: address,
        family: target.family,
        port: url.port || (secure ? 443 : 80),
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        // Host carries the name the receiver expects; `host` above pins the connection to the checked address.
        headers: { ...headers, Host: url.host, 'Content-Length': String(Buffer.byteLength(body)) },
        // SNI and certificate checks use the name, never the IP (and SNI may not carry an IP at all).
        ...(secure && isIP(hostname) === 0 ? { servername: hostname } : {}),
        agent: false,
      },
      (res: IncomingMessage) => {
        if (maxReply === undefined) {
          // The receiver's reply body is not used; drain it so the socket closes.
          res.resume();
          return finish({ status: res.statusCode ?? 0 });
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxReply) {
            finish({ status: res.statusCode ?? 0 });
            req.destroy();
          } else chunks.push(chunk);
        });
        res.on('end', () => finish({ status: res.statusCode ?? 0, reply: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', () => finish({ status: res.statusCode ?? 0 }));
      },
    );

    const timer = setTimeout(() => {
      finish({
        problem: { code: 'webhook_timeout', message: `The webhook receiver did not answer within ${timeoutMs / 1000} s.`, retryable: true },
      });
      req.destroy();
    }, timeoutMs);

    req.on('error', (error: NodeJS.ErrnoException) => {
      finish({
        problem: {
          code: 'webhook_network_error',
          message: `Could not reach the webhook receiver at ${url.host}: ${error.code ?? error.message}.`,
          retryable: true,
        },
      });
    });
    req.end(body);
  });
}
