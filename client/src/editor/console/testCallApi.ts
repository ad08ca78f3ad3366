import type { CallAction, CallState, CallStepView } from '@baton/shared';

export type CallVersion = 'draft' | 'published';

/** What the person playing the caller does on one turn. */
export type CallerTurn =
  | { text: string; loudnessDb?: number; asrConfidence?: number }
  | { dtmf: string }
  | { silence: true }
  /** How the transfer went: its port (no_agent), or in more detail (declined takes no agent too). */
  | { transferOutcome: 'connected' | 'no_agent' | 'declined' | 'no_answer' | 'busy' | 'failed' }
  | { hangup: true };

/** `routing`: handoffs go to the real queues and agents on the agent desk. `manual`: the person at the console says what happens. */
export type Transfers = 'routing' | 'manual';

/** What the server pushes to a call between the caller's own turns (wait updates, "you're through", the agent's words). */
export interface CallUpdate {
  actions: CallAction[];
  state: CallState;
}

type Answer = { type: 'started' | 'resumed' | 'step' | 'update' | 'error'; id?: number; error?: { code?: string; message: string } } & Partial<CallStepView> & { callId?: string };

/** What the console hears about the connection to its call. */
export interface ConnectionEvents {
  /** The connection dropped (the server is restarting, the network went): reconnecting. */
  onReconnecting(): void;
  /** Connected again and the call taken up where it was; turns sent meanwhile go through (each once). */
  onReconnected(state: CallState): void;
  /** The call cannot go on from here (the server stayed away, or the call is gone): `why` says what happened. */
  onLost(why: string): void;
}

/** How long the console keeps trying to reconnect before it gives up on the call. */
const RECONNECT_FOR_MS = 60_000;
const RETRY_DELAYS_MS = [250, 500, 1_000, 2_000, 4_000];

/**
 * One test call over the call API's WebSocket (`/api/calls/ws`): each start or turn is answered on the socket, with the
 * signals the console shows, and what the caller hears between turns arrives as `update` messages. When the connection
 * drops (a server restart closes it with 1012), it reconnects — to any server behind the balancer — takes the call up
 * by its id and sends again what was not answered; each turn carries its own id, so none is taken twice.
 */
export class TestCallSocket {
  private socket!: WebSocket;
  private callId: string | undefined;
  /** Requests not answered yet, by id: sent again after a reconnect. */
  private readonly waiting = new Map<number, { message: Record<string, unknown>; resolve(answer: Answer): void; reject(error: Error): void }>();
  private nextId = 1;
  private closing = false;
  /** True while the socket is open and the call (if any) taken up on it. */
  private ready = false;
  private lostSince: number | undefined;
  private attempt = 0;

  constructor(
    private readonly onUpdate: (update: CallUpdate) => void,
    private readonly events: ConnectionEvents,
  ) {
    this.connect();
  }

  /** Starts the call on the flow's draft or published version, with the signals shown for every turn. */
  async start(flowId: string, version: CallVersion, transfers: Transfers): Promise<CallStepView & { callId: string }> {
    const started = (await this.request({ type: 'start', flowId, version, transfers, signals: true, caller: { name: 'Test caller' } })) as CallStepView & { callId: string };
    this.callId = started.callId;
    return started;
  }

  turn(turn: CallerTurn): Promise<CallStepView> {
    return this.request({ type: 'turn', ...turn, turnId: randomId() }) as Promise<CallStepView>;
  }

  /** Leaves the call (it is not hung up: the console's Restart simply stops playing it). */
  close() {
    this.closing = true;
    this.socket.close();
  }

  private connect() {
    const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/calls/ws`);
    this.socket = socket;
    socket.addEventListener('open', () => void this.opened(socket));
    socket.addEventListener('message', (event) => {
      const answer = JSON.parse(String(event.data)) as Answer;
      if (answer.type === 'update') return this.onUpdate({ actions: answer.actions ?? [], state: answer.state! });
      const waiter = answer.id === undefined ? undefined : this.waiting.get(answer.id);
      if (!waiter) return;
      this.waiting.delete(answer.id!);
      if (answer.type === 'error') waiter.reject(Object.assign(new Error(answer.error?.message ?? 'The server refused this turn'), { code: answer.error?.code }));
      else waiter.resolve(answer);
    });
    socket.addEventListener('close', () => this.dropped(socket));
  }

  /** Open: the call taken up again if this is a reconnect, then whatever was not answered is sent (again). */
  private async opened(socket: WebSocket) {
    if (this.callId && this.lostSince !== undefined) {
      const id = this.nextId++;
      socket.send(JSON.stringify({ type: 'resume', callId: this.callId, signals: true, id }));
      let resumed: Answer;
      try {
        resumed = await new Promise<Answer>((resolve, reject) => this.waiting.set(id, { message: {}, resolve, reject }));
      } catch (error) {
        const code = (error as { code?: string }).code;
        return this.giveUp(code === 'call_ended' ? 'The test call ended while the connection was down' : 'The server no longer has this test call; restart the call');
      }
      this.events.onReconnected(resumed.state!);
    }
    this.lostSince = undefined;
    this.attempt = 0;
    this.ready = true;
    for (const [id, w] of this.waiting) socket.send(JSON.stringify({ ...w.message, id }));
  }

  private dropped(socket: WebSocket) {
    if (socket !== this.socket || this.closing) return;
    this.ready = false;
    // Nothing to take up (the call never started): say so rather than try again.
    if (!this.callId && this.waiting.size === 0) return;
    if (!this.callId) return this.giveUp('Could not reach the server to start a test call');
    if (this.lostSince === undefined) {
      this.lostSince = Date.now();
      this.events.onReconnecting();
    }
    if (Date.now() - this.lostSince > RECONNECT_FOR_MS) return this.giveUp('The connection to the test call was lost and did not come back; restart the call');
    const delay = RETRY_DELAYS_MS[Math.min(this.attempt++, RETRY_DELAYS_MS.length - 1)];
    setTimeout(() => {
      if (!this.closing) this.connect();
    }, delay);
  }

  private giveUp(why: string) {
    for (const w of this.waiting.values()) w.reject(new Error(why));
    this.waiting.clear();
    this.closing = true;
    this.socket.close();
    this.events.onLost(why);
  }

  private request(message: Record<string, unknown>): Promise<Answer> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { message, resolve, reject });
      // Sent now if the socket is ready; else when it opens (or reopens and has taken the call up).
      if (this.ready) this.socket.send(JSON.stringify({ ...message, id }));
    });
  }
}

/** A random id (crypto.randomUUID needs https or localhost; Baton may be reached over plain HTTP by name). */
function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
