import type { CallAction, CallState, CallStepView } from '@baton/shared';

export type CallVersion = 'draft' | 'published';

/** What the person playing the caller does on one turn. */
export type CallerTurn =
  | { text: string; loudnessDb?: number; asrConfidence?: number }
  | { dtmf: string }
  | { silence: true }
  | { transferOutcome: 'connected' | 'no_agent' | 'failed' }
  | { hangup: true };

/** `routing`: handoffs go to the real queues and agents on the agent desk. `manual`: the person at the console says what happens. */
export type Transfers = 'routing' | 'manual';

/** What the server pushes to a call between the caller's own turns (wait updates, "you're through", the agent's words). */
export interface CallUpdate {
  actions: CallAction[];
  state: CallState;
}

type Answer = { type: 'started' | 'step' | 'update' | 'error'; id?: number; error?: { message: string } } & Partial<CallStepView> & { callId?: string };

/**
 * One test call over the call API's WebSocket (`/api/calls/ws`): each start or turn is answered on the socket, with the
 * signals the console shows, and what the caller hears between turns arrives as `update` messages.
 */
export class TestCallSocket {
  private readonly socket: WebSocket;
  private readonly opened: Promise<void>;
  private readonly waiting = new Map<number, { resolve(answer: Answer): void; reject(error: Error): void }>();
  private nextId = 1;
  private closing = false;

  constructor(
    onUpdate: (update: CallUpdate) => void,
    /** The connection dropped (the server restarted, the network went): the call cannot go on from here. */
    onLost: () => void,
  ) {
    this.socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/calls/ws`);
    this.opened = new Promise((resolve, reject) => {
      this.socket.addEventListener('open', () => resolve(), { once: true });
      this.socket.addEventListener('error', () => reject(new Error('Could not reach the server to start a test call')), { once: true });
    });
    this.socket.addEventListener('message', (event) => {
      const answer = JSON.parse(String(event.data)) as Answer;
      if (answer.type === 'update') return onUpdate({ actions: answer.actions ?? [], state: answer.state! });
      const waiter = answer.id === undefined ? undefined : this.waiting.get(answer.id);
      if (!waiter) return;
      this.waiting.delete(answer.id!);
      if (answer.type === 'error') waiter.reject(new Error(answer.error?.message ?? 'The server refused this turn'));
      else waiter.resolve(answer);
    });
    this.socket.addEventListener('close', () => {
      for (const waiter of this.waiting.values()) waiter.reject(new Error('The connection to the test call was lost; restart the call'));
      this.waiting.clear();
      if (!this.closing) onLost();
    });
  }

  /** Starts the call on the flow's draft or published version, with the signals shown for every turn. */
  start(flowId: string, version: CallVersion, transfers: Transfers): Promise<CallStepView & { callId: string }> {
    return this.request({ type: 'start', flowId, version, transfers, signals: true, caller: { name: 'Test caller' } }) as Promise<CallStepView & { callId: string }>;
  }

  turn(turn: CallerTurn): Promise<CallStepView> {
    return this.request({ type: 'turn', ...turn }) as Promise<CallStepView>;
  }

  /** Leaves the call (it is not hung up: the console's Restart simply stops playing it). */
  close() {
    this.closing = true;
    this.socket.close();
  }

  private async request(message: Record<string, unknown>): Promise<Answer> {
    await this.opened;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.socket.send(JSON.stringify({ ...message, id }));
    });
  }
}
