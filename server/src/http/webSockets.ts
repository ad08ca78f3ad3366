import type { IncomingMessage, Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { crossSiteOrigin } from './refuseCrossSite.ts';

/**
 * Handles one accepted WebSocket; the request is the upgrade request (its URL, headers). `maxPayload`: the largest
 * frame the endpoint takes, in bytes; a bigger one closes the socket with 1009 before it is read whole.
 */
export type SocketHandler = ((socket: WebSocket, request: IncomingMessage) => void) & {
  maxPayload?: number;
  /** Browsers on other sites may not open it (a page elsewhere could otherwise talk on calls through the user's browser). */
  ownPagesOnly?: boolean;
  /** Who may open it: undefined lets the socket open; a status and words refuse it (e.g. 401 without a sign-in). */
  admit?: (request: IncomingMessage) => Promise<{ status: 401 | 403; text: string } | undefined>;
};

/** Without a limit of its own, a frame bigger than this closes the socket. */
const DEFAULT_MAX_PAYLOAD_BYTES = 256 * 1024;

/**
 * Accepts WebSocket upgrades on the HTTP server for the given paths (e.g. `/twilio/media`); any other path gets 404
 * and the socket is closed. Returns every open socket, to close with the HTTP server.
 */
export function attachWebSockets(server: Server, handlers: Record<string, SocketHandler>): { readonly clients: Set<WebSocket> } {
  // ws takes one frame limit per server, so one server per limit.
  const servers = new Map<number, WebSocketServer>();
  const serverFor = (maxPayload: number) => {
    let wss = servers.get(maxPayload);
    if (!wss) servers.set(maxPayload, (wss = new WebSocketServer({ noServer: true, maxPayload })));
    return wss;
  };
  server.on('upgrade', (request, socket, head) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    const handler = Object.hasOwn(handlers, pathname) ? handlers[pathname] : undefined;
    if (!handler) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    if (handler.ownPagesOnly && crossSiteOrigin(request.headers) !== undefined) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\nBaton takes call connections only from its own pages.');
      return;
    }
    const open = () => serverFor(handler.maxPayload ?? DEFAULT_MAX_PAYLOAD_BYTES).handleUpgrade(request, socket, head, (ws) => handler(ws, request));
    if (!handler.admit) return open();
    handler.admit(request).then(
      (refused) => {
        if (!refused) return open();
        const reason = refused.status === 401 ? 'Unauthorized' : 'Forbidden';
        socket.end(`HTTP/1.1 ${refused.status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${refused.text}`);
      },
      () => socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n'),
    );
  });
  return {
    get clients() {
      return new Set([...servers.values()].flatMap((wss) => [...wss.clients]));
    },
  };
}
