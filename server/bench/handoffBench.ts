import { readFileSync } from 'node:fs';
import http, { type IncomingMessage } from 'node:http';
import path from 'node:path';
import { flowsDir, seedOpenQueues, startLoopbackServer } from '../src/testing/loopbackServer.ts';

const HANDOFFS = 1_000;
const WARM_UP = 50;
const QUEUE = 'billing';
const HANDOFF_TEXT = 'let me talk to a real person';
/** How long one offer may take before the bench gives up: far above any figure it could report. */
const OFFER_TIMEOUT_MS = 10_000;

interface OfferSeen {
  offerId: string;
  agentId: string;
  at: number;
}

/** The value at or below which `p` of the samples lie (nearest rank). */
export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
};

/** The admin access key of the bench's server, for its event streams. */
const streamHeaders: Record<string, string> = {};

/** Reads one agent's desk stream and reports each `offer_made` the moment its event is complete on the socket. */
function openDeskStream(url: string, onOffer: (callId: string, offer: OfferSeen) => void): Promise<IncomingMessage> {
  return openStream(url, (type, data, at) => {
    if (type !== 'offer_made') return;
    const event = JSON.parse(data) as { callId: string; offerId: string; agentId: string };
    onOffer(event.callId, { offerId: event.offerId, agentId: event.agentId, at });
  });
}

/**
 * Reads a server-sent event stream and reports each event the moment it is complete on the socket. Events are parsed
 * by hand: blank-line separated, `event:` and `data:` lines, comment lines ignored.
 */
function openStream(url: string, onEvent: (type: string, data: string, at: number) => void): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, headers: { accept: 'text/event-stream', ...streamHeaders } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`${url}: ${res.statusCode}`));
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        const at = performance.now();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let type = '';
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) type = line.slice(6).trim();
            else if (line.startsWith('data:')) data += line.slice(5).trim();
          }
          onEvent(type, data, at);
        }
      });
      res.on('error', () => undefined);
      resolve(res);
    });
    req.on('error', reject);
  });
}

/**
 * The time from a handoff to its offer reaching an agent's desk, over 1,000 handoffs on loopback. A real server
 * (the whole app, a fresh data directory with the example staffing) listens on 127.0.0.1; every billing agent is
 * available with a desk event stream open. Each handoff starts a billing-support call (not timed), then times from
 * just before the turn that asks for a person (its response carries the `transfer` action) to the moment the
 * `offer_made` event for that call is read from an agent's stream; the agent then accepts and wraps up, which frees
 * them for the next one. As many handoffs run at once as there are agents, so each finds a free agent and the
 * figure is the path through the server, not time spent waiting in the queue. 50 handoffs warm up first.
 * The bench and the server share this process's event loop, as a desk and a server on one small machine would not.
 */
export async function handoffBench(): Promise<{ handoff_to_offer_ms_p50: number; handoff_to_offer_ms_p99: number; warm_transfer_connect_ms_p50: number; warm_transfer_connect_ms_p99: number }> {
  // The example staffing, every queue open all day: the bench runs at any hour.
  const server = await startLoopbackServer({
    seed: async (store) => {
      await seedOpenQueues(store);
      await store.flows.create(JSON.parse(readFileSync(path.join(flowsDir, 'billing-support.json'), 'utf8')));
    },
  });
  const base = server.url;
  streamHeaders.authorization = `Bearer ${server.tokens.admin}`;
  const streams: IncomingMessage[] = [];
  try {
    const call = async <T>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> => {
      const res = await fetch(`${base}${url}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${server.tokens.admin}`, ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
      if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };

    // Never calling back: no caller should leave the queue.
    const queue = await call<Record<string, unknown>>('GET', `/api/queues/${QUEUE}`);
    await call('PUT', `/api/queues/${QUEUE}`, { ...queue, maxWaitSecondsBeforeCallback: 86_400 }, { 'If-Match': `"${String(queue.version)}"` });
    const requiredSkills = (queue.requiredSkills as string[] | undefined) ?? [QUEUE];
    const agents = (await call<Array<{ id: string; skills: Array<{ skill: string }> }>>('GET', '/api/agents'))
      .filter((a) => requiredSkills.every((skill) => a.skills.some((s) => s.skill === skill)))
      .map((a) => a.id);
    if (agents.length === 0) throw new Error(`handoff bench: no agent has the skills of queue ${QUEUE}`);

    // Offers for calls whose turn is in flight, by call id; an offer can arrive before the turn's response does.
    const waiting = new Map<string, (offer: OfferSeen) => void>();
    const early = new Map<string, OfferSeen>();
    const onOffer = (callId: string, offer: OfferSeen) => {
      const resolve = waiting.get(callId);
      if (resolve) {
        waiting.delete(callId);
        resolve(offer);
      } else early.set(callId, offer);
    };
    for (const agentId of agents) streams.push(await openDeskStream(`${base}/api/desk/agents/${agentId}/events`, onOffer));
    for (const agentId of agents) await call('POST', `/api/desk/agents/${agentId}/status`, { status: 'available' });

    const offerFor = (callId: string) =>
      new Promise<OfferSeen>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(callId);
          reject(new Error(`handoff bench: no offer for call ${callId} within ${OFFER_TIMEOUT_MS} ms`));
        }, OFFER_TIMEOUT_MS);
        waiting.set(callId, (offer) => {
          clearTimeout(timer);
          resolve(offer);
        });
      });

    /**
     * A warm transfer's last step: from the agent's accept (they have read the briefing) to the caller's side hearing
     * they are through (the `update` whose state is `agent` on the call's own event stream).
     */
    const connectAfterAccept = async (callId: string, offerId: string): Promise<number> => {
      let connected!: (at: number) => void;
      const heard = new Promise<number>((resolve) => (connected = resolve));
      const callerStream = await openStream(`${base}/api/calls/${callId}/events`, (type, data, at) => {
        if (type === 'update' && (JSON.parse(data) as { state: { status: string } }).state.status === 'agent') connected(at);
      });
      try {
        const t0 = performance.now();
        await call('POST', `/api/desk/offers/${offerId}/accept`);
        return (await heard) - t0;
      } finally {
        callerStream.destroy();
      }
    };

    const warmConnects: number[] = [];
    let made = 0;
    const handoff = async (): Promise<number> => {
      // Callers from fifty numbers, each calling again: the briefing reads each number's earlier calls.
      const phone = `+447700900${String(100 + (made++ % 50))}`;
      const { callId } = await call<{ callId: string }>('POST', '/api/calls', { flowId: 'billing-support', version: 'draft', caller: { phone } });
      const offered = offerFor(callId);
      const t0 = performance.now();
      const turn = await call<{ actions: Array<{ type: string; queue?: string }> }>('POST', `/api/calls/${callId}/turns`, { text: HANDOFF_TEXT });
      if (!turn.actions.some((a) => a.type === 'transfer' && a.queue === QUEUE)) throw new Error(`handoff bench: the turn did not transfer to ${QUEUE}: ${JSON.stringify(turn.actions)}`);
      const offer = await offered;
      const t1 = offer.at;
      warmConnects.push(await connectAfterAccept(callId, offer.offerId));
      await call('POST', `/api/desk/calls/${callId}/wrap-up`, { agentId: offer.agentId, disposition: 'resolved', note: '', hadToAskAgain: false });
      return t1 - t0;
    };
    // No more handoffs in flight than agents: each one is offered at once, none waits for an agent to wrap up.
    const run = async (count: number) => {
      const samples: number[] = [];
      let started = 0;
      const worker = async () => {
        while (started < count) {
          started++;
          samples.push(await handoff());
        }
      };
      await Promise.all(agents.map(worker));
      return samples;
    };

    await run(WARM_UP);
    warmConnects.length = 0;
    const samples = await run(HANDOFFS);
    if (early.size > 0) throw new Error(`handoff bench: ${early.size} offers for calls the bench was not waiting on`);
    const round = (ms: number) => Number(ms.toFixed(2));
    return {
      handoff_to_offer_ms_p50: round(percentile(samples, 0.5)),
      handoff_to_offer_ms_p99: round(percentile(samples, 0.99)),
      warm_transfer_connect_ms_p50: round(percentile(warmConnects, 0.5)),
      warm_transfer_connect_ms_p99: round(percentile(warmConnects, 0.99)),
    };
  } finally {
    for (const s of streams) s.destroy();
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await handoffBench());
