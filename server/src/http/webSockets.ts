import type { IncomingMessage, Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

/** Handles one accepted WebSocket; the request is the upgrade request (its URL, headers). */
export type SocketHandler = (socket: WebSocket, request: IncomingMessage) => void;

/** A frame bigger than this closes the socket: a media message is a few hundred bytes, a call event a few kilobytes. */
const MAX_PAYLOAD_BYTES = 256 * 1024;

/**
 * Accepts WebSocket upgrades on the HTTP server for the given paths (e.g. `/twilio/media`); any other path gets 404
 * and the socket is closed. Returns the WebSocket server, to close with the HTTP server.
 */
export function attachWebSockets(server: Server, handlers: Record<string, SocketHandler>): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD_BYTES });
  server.on('upgrade', (request, socket, head) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    const handler = Object.hasOwn(handlers, pathname) ? handlers[pathname] : undefined;
    if (!handler) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => handler(ws, request));
  });
  return wss;
}
