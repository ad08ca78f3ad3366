import type { Logger } from 'pino';
import { AppError } from '../errors.ts';
import type { CallService } from '../usecases/CallService.ts';
import type { SocketHandler } from './webSockets.ts';

/**
 * The JSON call API as a WebSocket at /api/calls/ws: events in, actions out, for low-latency integrations and the
 * browser test console. One call per socket. Every message is one JSON object with a `type`; an optional `id` on a
 * client message comes back on the answer to it.
 *
 * Client → server
 *   { type: "start", flowId, version?, caller?, transfers?, signals? }   the body of POST /api/calls (+ `signals: true`
 *                                                                       for what the test console shows)
 *   { type: "turn", text, asrConfidence?, loudnessDb? } | { type: "turn", dtmf } | { type: "turn", silence: true }
 *     | { type: "turn", hangup: true } | { type: "turn", transferOutcome }    the body of POST /api/calls/:id/turns
 * Server → client
 *   { type: "started", callId, flow, actions, state }       answers `start`
 *   { type: "step", actions, state, handoff? }              answers each `turn`, in the order the turns were sent
 *                                                           (with `signals: true`, both also carry signals, intent,
 *                                                           path and slots, as `?signals=true` does over HTTP)
 *   { type: "update", actions, state }                      what the caller hears between their turns (wait updates,
 *                                                           the call-back offer, "you're through", the agent's words)
 *   { type: "error", error: { code, message, issues? } }    a bad message or a refused one; the socket stays open
 *
 * Closing the socket does not hang up the call: a dropped connection is not a caller putting the phone down, and the
 * call can go on through POST /api/calls/:id/turns. Send `{ type: "turn", hangup: true }` to end it.
 */

/** A client that sends faster than its turns are answered is told to wait rather than queue without end. */
const MAX_PENDING_MESSAGES = 32;

type ClientMessage = Record<string, unknown> & { type?: unknown; id?: unknown };

/** Messages are handled one at a time, so answers come back in order even while a turn waits for the language model. */
export function callSocket(calls: CallService, log: Logger): SocketHandler {
  return (socket) => {
    let callId: string | undefined;
    /** `signals: true` on `start`: every answer on this socket adds what the test console shows. */
    let withSignals = false;
    let unsubscribe: (() => void) | undefined;
    let queue: Promise<void> = Promise.resolve();
    let pending = 0;

    const send = (message: Record<string, unknown>) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    };

    async function handle(message: ClientMessage) {
      const { type, id: _id, ...body } = message;
      if (type === 'start') {
        if (callId) throw new AppError(409, 'call_already_started', 'This socket already has a call; open another socket for another call.');
        const { signals, ...start } = body;
        withSignals = signals === true;
        const started = await calls.start(start, withSignals);
        callId = started.callId;
        unsubscribe = calls.subscribe(started.callId, (update) => send({ type: 'update', ...update }));
        return { type: 'started', ...started };
      }
      if (type === 'turn') {
        if (!callId) throw new AppError(409, 'no_call', 'Send { "type": "start", "flowId": … } first: this socket has no call yet.');
        return { type: 'step', ...(await calls.turn(callId, body, withSignals)) };
      }
      throw new AppError(400, 'invalid_message', 'Send a JSON object whose "type" is "start" or "turn".');
    }

    socket.on('message', (data, isBinary) => {
      const message = parse(isBinary ? null : data.toString());
      const id = message?.id;
      if (pending >= MAX_PENDING_MESSAGES) {
        send(withId({ type: 'error', error: { code: 'too_many_messages', message: `Wait for answers: at most ${MAX_PENDING_MESSAGES} messages may be waiting.` } }, id));
        return;
      }
      pending += 1;
      queue = queue
        .then(async () => {
          if (!message) throw new AppError(400, 'invalid_json', 'Each message must be one JSON object, e.g. { "type": "turn", "text": "hello" }.');
          send(withId(await handle(message), id));
        })
        .catch((error: unknown) => send(withId({ type: 'error', error: errorBody(error, log) }, id)))
        .finally(() => (pending -= 1));
    });
    socket.on('close', () => unsubscribe?.());
    socket.on('error', (err) => log.warn({ err }, 'a call socket failed'));
  };
}

function parse(text: string | null): ClientMessage | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as ClientMessage) : null;
  } catch {
    return null;
  }
}

const withId = (message: Record<string, unknown>, id: unknown) => (typeof id === 'string' || typeof id === 'number' ? { ...message, id } : message);

/** Like the HTTP error middleware: the reason for what the client can act on, a plain apology for the rest. */
function errorBody(error: unknown, log: Logger) {
  if (error instanceof AppError) return { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) };
  log.error({ err: error }, 'a call socket message failed');
  return { code: 'internal', message: 'Something went wrong on our side. Try again.' };
}
