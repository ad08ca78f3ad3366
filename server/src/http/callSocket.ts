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
 *   { type: "resume", callId, signals? }                              takes up a call in progress, e.g. after the socket
 *                                                                       was lost or its server restarted (close code 1012)
 *   { type: "turn", text, asrConfidence?, loudnessDb? } | { type: "turn", dtmf } | { type: "turn", silence: true }
 *     | { type: "turn", hangup: true } | { type: "turn", transferOutcome }    the body of POST /api/calls/:id/turns
 *                                                                       (with `turnId`, a resent turn is applied once)
 * Server → client
 *   { type: "started", callId, flow, actions, state }       answers `start`
 *   { type: "resumed", callId, flow, state }                answers `resume`
 *   { type: "step", actions, state, handoff? }              answers each `turn`, in the order the turns were sent
 *                                                           (with `signals: true`, both also carry signals, intent,
 *                                                           path and slots, as `?signals=true` does over HTTP)
 *   { type: "update", actions, state }                      what the caller hears between their turns (wait updates,
 *                                                           the call-back offer, "you're through", the agent's words)
 *   { type: "error", error: { code, message, issues? } }    a bad message or a refused one; the socket stays open
 *
 * A client may have at most 32 messages waiting for their answers; one more and the socket is closed with 1008
 * (policy violation) and a reason, without that message or any later one being read. A message may be at most 256 KB.
 *
 * Closing the socket does not hang up the call: a dropped connection is not a caller putting the phone down, and the
 * call can go on through POST /api/calls/:id/turns. Send `{ type: "turn", hangup: true }` to end it.
 */

/**
 * A client that sends faster than its turns are answered is closed rather than queued without end. Counted before a
 * message is parsed, so a flood of large frames costs the server no parsing.
 */
const MAX_PENDING_MESSAGES = 32;
const POLICY_VIOLATION = 1008;
const MAX_PAYLOAD_BYTES = 256 * 1024;

type ClientMessage = Record<string, unknown> & { type?: unknown; id?: unknown };

/** Messages are handled one at a time, so answers come back in order even while a turn waits for the language model. */
export function callSocket(calls: CallService, log: Logger): SocketHandler {
  const handler: SocketHandler = (socket) => {
    let callId: string | undefined;
    /** `signals: true` on `start`: every answer on this socket adds what the test console shows. */
    let withSignals = false;
    let unsubscribe: (() => void) | undefined;
    let queue: Promise<void> = Promise.resolve();
    let pending = 0;
    let refused = false;

    const send = (message: Record<string, unknown>) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    };

    async function follow(id: string) {
      unsubscribe = await calls.subscribe(id, (update) => send({ type: 'update', ...update }));
      // A socket that closed while the subscription was taken (with several instances, a Redis round trip) lets it go.
      if (socket.readyState !== socket.OPEN) unsubscribe();
    }

    async function handle(message: ClientMessage) {
      const { type, id: _id, ...body } = message;
      if (type === 'start') {
        if (callId) throw new AppError(409, 'call_already_started', 'This socket already has a call; open another socket for another call.');
        const { signals, ...start } = body;
        withSignals = signals === true;
        const started = await calls.start(start, withSignals);
        callId = started.callId;
        await follow(started.callId);
        return { type: 'started', ...started };
      }
      if (type === 'resume') {
        if (callId) throw new AppError(409, 'call_already_started', 'This socket already has a call; open another socket for another call.');
        if (typeof body.callId !== 'string') throw new AppError(400, 'invalid_message', 'Send { "type": "resume", "callId": "…" } with the id of the call to take up.');
        const current = await calls.current(body.callId);
        withSignals = body.signals === true;
        await follow(current.callId);
        callId = current.callId;
        return { type: 'resumed', ...current };
      }
      if (type === 'turn') {
        if (!callId) throw new AppError(409, 'no_call', 'Send { "type": "start", "flowId": … } first: this socket has no call yet.');
        return { type: 'step', ...(await calls.turn(callId, body, withSignals)) };
      }
      throw new AppError(400, 'invalid_message', 'Send a JSON object whose "type" is "start", "resume" or "turn".');
    }

    socket.on('message', (data, isBinary) => {
      // Frames already on the wire still arrive after the close; none of them is read.
      if (refused) return;
      if (pending >= MAX_PENDING_MESSAGES) {
        refused = true;
        socket.close(POLICY_VIOLATION, `Too many messages: at most ${MAX_PENDING_MESSAGES} may wait for answers. Wait for each answer.`);
        return;
      }
      pending += 1;
      // Parsed in its turn, so only messages that will be answered are ever parsed.
      queue = queue
        .then(async () => {
          const message = parse(isBinary ? null : data.toString());
          try {
            if (!message) throw new AppError(400, 'invalid_json', 'Each message must be one JSON object, e.g. { "type": "turn", "text": "hello" }.');
            send(withId(await handle(message), message.id));
          } catch (error) {
            send(withId({ type: 'error', error: errorBody(error, log) }, message?.id));
          }
        })
        .finally(() => (pending -= 1));
    });
    socket.on('close', () => unsubscribe?.());
    socket.on('error', (err) => log.warn({ err }, 'a call socket failed'));
  };
  return Object.assign(handler, { maxPayload: MAX_PAYLOAD_BYTES });
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
