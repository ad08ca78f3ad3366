import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HandoffPacket } from '@baton/shared';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedStaffing } from '../seedStaffing.ts';
import { openStore } from '../store/openStore.ts';
import type { Store } from '../store/types.ts';
import { RoutingService, type DeskEvent } from './RoutingService.ts';

const staffingDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../flows/staffing');
const start = Date.parse('2026-03-03T10:00:00Z');

const packet = (callId: string): HandoffPacket => ({
  callId, flow: { id: 'billing-support', version: 'draft' }, caller: { name: 'Ada', attributes: {} },
  reason: { category: 'explicit_request', signal: 'explicit_request', triggerId: 'trigger_person', explanation: 'The caller asked for a person.' },
  summary: 'Wants a refund\nCollected: refund_amount 40\nAsked for a person', intents: [], slots: { refund_amount: 40 }, transcript: [],
  sentimentTrend: [], stepsTried: [], startedAt: new Date(start).toISOString(), handoffAt: new Date(start).toISOString(),
});

let dataDir: string;
let store: Store;
let now: number;
let routing: RoutingService;
let events: DeskEvent[];

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'baton-routing-'));
  store = await openStore(dataDir);
  await seedStaffing(store, staffingDir, pino({ level: 'silent' }));
  now = start;
  routing = new RoutingService(store, { clock: () => new Date(now), tickMs: 0, offerTimeoutSeconds: 10 });
  events = [];
  routing.subscribe((e) => events.push(e));
});
afterEach(async () => {
  await routing.close();
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Lets the routing pass scheduled after a change run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));
const offers = () => events.filter((e): e is Extract<DeskEvent, { type: 'offer_made' }> => e.type === 'offer_made');

describe('RoutingService', () => {
  it('When a waiting call is handed over again (the caller presses 0 in the queue), then it keeps its one place and nothing fails', async () => {
    routing.handOff('call-1', 'billing', packet('call-1'));
    expect(() => routing.handOff('call-1', 'billing', packet('call-1'))).not.toThrow();
    routing.setStatus('amara-okafor', 'available');
    routing.setStatus('grace-li', 'available');
    await settle();
    expect(offers().map((o) => o.callId)).toEqual(['call-1']);
  });

  it('When the best agent lets an offer run out, then they go away and the call is offered to the next agent with its packet', async () => {
    routing.setStatus('amara-okafor', 'available');
    routing.setStatus('grace-li', 'available');
    routing.handOff('call-1', 'billing', packet('call-1'));
    await settle();
    expect(offers()).toEqual([expect.objectContaining({ callId: 'call-1', agentId: 'amara-okafor', packet: expect.objectContaining({ callId: 'call-1' }) })]);

    now += 9_000;
    routing.tick();
    expect(offers()).toHaveLength(1);
    now += 1_000;
    routing.tick();
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['offer_expired', 'agent_status_changed']));
    expect(routing.agentState('amara-okafor').status).toBe('away');
    expect(offers()[1]).toMatchObject({ callId: 'call-1', agentId: 'grace-li', packet: { reason: { category: 'explicit_request' } } });
    expect(routing.agentState('grace-li').offers).toEqual([expect.objectContaining({ callId: 'call-1', queueId: 'billing', packet: expect.objectContaining({ callId: 'call-1' }) })]);
  });

  it('When a queue changes while a call is connected, then routing is rebuilt only once the call is wrapped up, keeping agents available', async () => {
    routing.setStatus('amara-okafor', 'available');
    routing.setStatus('ben-hughes', 'away');
    routing.handOff('call-1', 'billing', packet('call-1'));
    await settle();
    routing.accept(offers()[0]!.offerId);
    await store.queues.create({ ...store.queues.get('billing')!, id: 'collections', name: 'Collections' });
    routing.staffingChanged({ kind: 'queue_changed' });
    expect(routing.hasQueue('collections')).toBe(false);
    expect(routing.agentState('amara-okafor').calls).toHaveLength(1);

    routing.wrapUp('amara-okafor', 'call-1', { disposition: 'resolved', note: '', hadToAskAgain: false });
    routing.tick();
    expect(routing.hasQueue('collections')).toBe(true);
    expect(routing.agentState('amara-okafor').status).toBe('available');
    expect(routing.agentState('ben-hughes').status).toBe('away');
    await store.calls.flush();
    expect(await store.calls.read('call-1')).toEqual([expect.objectContaining({ wrapUp: expect.objectContaining({ agentId: 'amara-okafor', disposition: 'resolved' }) })]);
  });

  it('When the caller leaves the queue while offered, then the offer is withdrawn from the agent', async () => {
    routing.setStatus('amara-okafor', 'available');
    routing.handOff('call-1', 'billing', packet('call-1'));
    await settle();
    routing.leave('call-1');
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['offer_withdrawn', 'call_left_queue']));
    expect(routing.agentState('amara-okafor').offers).toEqual([]);
  });
});
