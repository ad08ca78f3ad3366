import { describe, expect, it } from 'vitest';
import type { RoutingEvent } from '@baton/shared';
import { CallRouter } from './CallRouter.ts';
import { agent, at, queue } from './testRouting.ts';

const offers = (events: RoutingEvent[]) => events.flatMap((e) => (e.type === 'offer_made' ? [`${e.callId}->${e.agentId}`] : []));
const offerId = (events: RoutingEvent[], callId: string) => {
  const offer = events.find((e) => e.type === 'offer_made' && e.callId === callId);
  if (offer?.type !== 'offer_made') throw new Error(`no offer of ${callId}`);
  return offer.offerId;
};

function routerWith(agents: ReturnType<typeof agent>[], available: Array<[string, number]>, queues = [queue({ id: 'billing', requiredSkills: ['billing'] })]) {
  const router = new CallRouter(queues, agents, at(0), { offerTimeoutSeconds: 20, maxWrapUpSeconds: 60 });
  for (const [id, second] of available) router.setAgentStatus(id, 'available', at(second));
  return router;
}

describe('CallRouter: who gets the call', () => {
  it('When only some agents have the queue\'s skills, then the call goes only to one of them', () => {
    const router = routerWith([agent('ana', { sales: 5 }), agent('ben', { billing: 1 })], [['ana', 0], ['ben', 5]]);
    router.enqueue({ callId: 'c1', queueId: 'billing' }, at(10));
    expect(offers(router.route(at(10)))).toEqual(['c1->ben']);
  });

  it('When the transfer asks for an extra skill nobody has, then the call waits unoffered', () => {
    const router = routerWith([agent('ben', { billing: 5 })], [['ben', 0]]);
    router.enqueue({ callId: 'c1', queueId: 'billing', skills: ['spanish'] }, at(10));
    expect(router.route(at(10))).toEqual([]);
    expect(router.waitingCount).toBe(1);
  });

  it('When two agents have the skills, then the more proficient one gets the call even if the other was idle longer', () => {
    const router = routerWith([agent('ana', { billing: 2 }), agent('ben', { billing: 4 })], [['ana', 0], ['ben', 5]]);
    router.enqueue({ callId: 'c1', queueId: 'billing' }, at(10));
    expect(offers(router.route(at(10)))).toEqual(['c1->ben']);
  });

  it('When proficiency counts over several skills, then an agent\'s weakest required skill decides', () => {
    const q = queue({ id: 'fraud', requiredSkills: ['billing', 'fraud'] });
    const router = routerWith([agent('ana', { billing: 5, fraud: 1 }), agent('ben', { billing: 3, fraud: 3 })], [['ana', 0], ['ben', 5]], [q]);
    router.enqueue({ callId: 'c1', queueId: 'fraud' }, at(10));
    expect(offers(router.route(at(10)))).toEqual(['c1->ben']);
  });

  it('When agents are equally proficient, then the one idle longest gets the first call and the next gets the second', () => {
    const router = routerWith([agent('ana', { billing: 3 }), agent('ben', { billing: 3 }), agent('cy', { billing: 3 })], [['cy', 3], ['ana', 1], ['ben', 2]]);
    router.enqueue({ callId: 'c1', queueId: 'billing' }, at(10));
    router.enqueue({ callId: 'c2', queueId: 'billing' }, at(11));
    expect(offers(router.route(at(11)))).toEqual(['c1->ana', 'c2->ben']);
  });

  it('When a later call has higher priority, then it is offered before calls waiting longer', () => {
    const router = routerWith([agent('ana', { billing: 3 })], []);
    router.enqueue({ callId: 'old', queueId: 'billing' }, at(1));
    router.enqueue({ callId: 'urgent', queueId: 'billing', priority: 5 }, at(2));
    router.setAgentStatus('ana', 'available', at(3));
    expect(offers(router.route(at(3)))).toEqual(['urgent->ana']);
  });

  it('When the queue boosts sensitive calls, then a flagged call goes first; otherwise the longest waiting does', () => {
    const q = queue({ id: 'billing', requiredSkills: ['billing'], priorityBoosts: { sensitive: 3, repeatCaller: 1 } });
    const router = routerWith([agent('ana', { billing: 3 }), agent('ben', { billing: 3 })], [], [q]);
    router.enqueue({ callId: 'first', queueId: 'billing' }, at(1));
    router.enqueue({ callId: 'second', queueId: 'billing' }, at(2));
    router.enqueue({ callId: 'sensitive', queueId: 'billing', flags: { sensitive: true } }, at(3));
    router.setAgentStatus('ana', 'available', at(4));
    router.setAgentStatus('ben', 'available', at(5));
    expect(offers(router.route(at(5)))).toEqual(['sensitive->ana', 'first->ben']);
  });

  it('When a caller who may be in danger joins the queue last, then they are offered first, ahead of priority and boosts', () => {
    const q = queue({ id: 'billing', requiredSkills: ['billing'], priorityBoosts: { sensitive: 3, repeatCaller: 1 } });
    const router = routerWith([agent('ana', { billing: 3 })], [], [q]);
    router.enqueue({ callId: 'vip', queueId: 'billing', priority: 10, flags: { sensitive: true, repeatCaller: true } }, at(1));
    router.enqueue({ callId: 'danger', queueId: 'billing', flags: { sensitive: true, safety: true } }, at(2));
    router.setAgentStatus('ana', 'available', at(3));
    expect(offers(router.route(at(3)))).toEqual(['danger->ana']);
  });

  it('When two queues share an agent, then the call waiting longest across the queues gets the agent', () => {
    const queues = [queue({ id: 'billing' }), queue({ id: 'sales' })];
    const router = routerWith([agent('ana', {})], [], queues);
    router.enqueue({ callId: 'sales-call', queueId: 'sales' }, at(1));
    router.enqueue({ callId: 'billing-call', queueId: 'billing' }, at(2));
    router.setAgentStatus('ana', 'available', at(3));
    expect(offers(router.route(at(3)))).toEqual(['sales-call->ana']);
  });

  it('When an agent can take two calls at once, then they are offered two and then are busy', () => {
    const router = routerWith([agent('ana', { billing: 3 }, { capacity: 2 })], [['ana', 0]]);
    router.enqueue({ callId: 'c1', queueId: 'billing' }, at(1));
    router.enqueue({ callId: 'c2', queueId: 'billing' }, at(2));
    router.enqueue({ callId: 'c3', queueId: 'billing' }, at(3));
    const events = router.route(at(3));
    expect(offers(events)).toEqual(['c1->ana', 'c2->ana']);
    router.accept(offerId(events, 'c1'), at(4));
    expect(router.accept(offerId(events, 'c2'), at(5))).toContainEqual(expect.objectContaining({ type: 'agent_status_changed', status: 'busy' }));
    expect(router.waitingCount).toBe(1);
  });
});

describe('CallRouter: offers and the call\'s life', () => {
  it('When an agent does not accept within the timeout, then they go away and the offer moves to the next agent', () => {
    const router = routerWith([agent('ana', { billing: 3 }), agent('ben', { billing: 3 })], [['ana', 0], ['ben', 1]]);
    router.enqueue({ callId: 'c1', queueId: 'billing' }, at(10));
    const first = router.route(at(10));
    expect(offers(first)).toEqual(['c1->ana']);
    expect(offers(router.tick(at(29)))).toEqual([]);
    const events = router.tick(at(30));
    expect(events.map((e) => e.type)).toEqual(['offer_expired', 'agent_status_changed', 'offer_made']);
    expect(router.agent('ana')?.status).toBe('away');
    expect(offers(events)).toEqual(['c1->ben']);
    expect(() => router.accept(offerId(first, 'c1'), at(31))).toThrow(/no longer open/);
  });

  it('When a queue gives its agents longer to read the briefing, then its offers wait that long, while another queue\'s expire at its own time', () => {
    const queues = [queue({ id: 'billing', requiredSkills: ['billing'] }), queue({ id: 'care', requiredSkills: ['care'], offerTimeoutSeconds: 45 })];
    const router = new CallRouter(queues, [agent('ana', { billing: 3 }), agent('cy', { care: 3 })], at(0), { maxWrapUpSeconds: 60 });
    router.setAgentStatus('ana', 'available', at(0));
    router.setAgentStatus('cy', 'available', at(0));
    router.enqueue({ callId: 'c1', queueId: 'billing' }, at(10));
    router.enqueue({ callId: 'c2', queueId: 'care' }, at(10));
    const made = router.route(at(10)).filter((e) => e.type === 'offer_made');
    expect(made.map((e) => [e.callId, e.expiresAt])).toEqual([['c1', at(30).toISOString()], ['c2', at(55).toISOString()]]);
    expect(router.tick(at(30)).filter((e) => e.type === 'offer_expired').map((e) => e.callId)).toEqual(['c1']);
    expect(router.tick(at(54)).filter((e) => e.type === 'offer_expired')).toEqual([]);
    expect(router.tick(at(55)).filter((e) => e.type === 'offer_expired').map((e) => e.callId)).toEqual(['c2']);
  });

  it('When the only agent with the skill declines, then the call waits until they are ready again (back from away or wrap-up) and is offered to them then', () => {
    const router = routerWith([agent('ana', { billing: 3 })], [['ana', 0]]);
    router.enqueue({ callId: 'c1', queueId: 'billing' }, at(10));
    router.decline(offerId(router.route(at(10)), 'c1'), at(11));
    expect(router.route(at(12))).toEqual([]);
    router.setAgentStatus('ana', 'away', at(13));
    router.setAgentStatus('ana', 'available', at(14));
    const again = router.route(at(14));
    expect(offers(again)).toEqual(['c1->ana']);
    router.accept(offerId(again, 'c1'), at(15));
    expect(router.agent('ana')?.calls.has('c1')).toBe(true);
  });

  it('When the agent accepts too late and no tick ran yet, then the accept is refused', () => {
    const router = routerWith([agent('ana', { billing: 3 })], [['ana', 0]]);
    router.enqueue({ callId: 'c1', queueId: 'billing' }, at(10));
    const id = offerId(router.route(at(10)), 'c1');
    expect(() => router.accept(id, at(30))).toThrow(/expired/);
  });

  it('When an agent declines, then they stay available, are skipped for that call, and get the next one', () => {
    const router = routerWith([agent('ana', { billing: 5 }), agent('ben', { billing: 1 })], [['ana', 0], ['ben', 1]]);
    router.enqueue({ callId: 'c1', queueId: 'billing' }, at(10));
    const id = offerId(router.route(at(10)), 'c1');
    expect(router.decline(id, at(12))).toEqual([expect.objectContaining({ type: 'offer_declined', agentId: 'ana' })]);
    expect(router.agent('ana')?.status).toBe('available');
    expect(offers(router.route(at(12)))).toEqual(['c1->ben']);
    router.enqueue({ callId: 'c2', queueId: 'billing' }, at(13));
    expect(offers(router.route(at(13)))).toEqual(['c2->ana']);
  });

  it('When the agent accepts, finishes and wraps up, then the call connects, the handle time counts and the agent is free again', () => {
    const router = routerWith([agent('ana', { billing: 3 })], [['ana', 0]]);
    router.enqueue({ callId: 'c1', queueId: 'billing' }, at(10));
    const id = offerId(router.route(at(10)), 'c1');
    expect(router.accept(id, at(15))).toEqual([
      expect.objectContaining({ type: 'call_connected', callId: 'c1', agentId: 'ana', waitedSeconds: 5 }),
      expect.objectContaining({ type: 'agent_status_changed', status: 'busy' }),
    ]);
    expect(router.finish('ana', at(115))).toEqual([
      expect.objectContaining({ type: 'call_finished', handleSeconds: 100 }),
      expect.objectContaining({ type: 'agent_status_changed', status: 'wrap_up' }),
    ]);
    expect(router.tick(at(174))).toEqual([]);
    expect(router.tick(at(175))).toEqual([expect.objectContaining({ type: 'agent_status_changed', status: 'available' })]);
    expect(router.handleTimes.averageSeconds('billing')).toBe(160);
    expect(router.agent('ana')?.idleSince).toBe(at(175).getTime());
  });

  it('When the agent ends wrap-up from the desk, then the handle time runs to that moment', () => {
    const router = routerWith([agent('ana', { billing: 3 })], [['ana', 0]]);
    router.enqueue({ callId: 'c1', queueId: 'billing' }, at(0));
    router.accept(offerId(router.route(at(0)), 'c1'), at(0));
    router.finish('ana', at(90));
    router.setAgentStatus('ana', 'available', at(120));
    expect(router.handleTimes.averageSeconds('billing')).toBe(120);
    expect(router.agent('ana')?.status).toBe('available');
  });

  it('When the caller hangs up during an offer, then the offer is withdrawn and the agent is free', () => {
    const router = routerWith([agent('ana', { billing: 3 })], [['ana', 0]]);
    router.enqueue({ callId: 'c1', queueId: 'billing' }, at(10));
    router.route(at(10));
    expect(router.leave('c1', at(12)).map((e) => e.type)).toEqual(['offer_withdrawn', 'call_left_queue']);
    router.enqueue({ callId: 'c2', queueId: 'billing' }, at(13));
    expect(offers(router.route(at(13)))).toEqual(['c2->ana']);
  });

  it('When an agent goes away with an offer pending, then the call goes to the next agent', () => {
    const router = routerWith([agent('ana', { billing: 3 }), agent('ben', { billing: 3 })], [['ana', 0], ['ben', 1]]);
    router.enqueue({ callId: 'c1', queueId: 'billing' }, at(10));
    router.route(at(10));
    expect(router.setAgentStatus('ana', 'away', at(11)).map((e) => e.type)).toEqual(['offer_withdrawn', 'agent_status_changed']);
    expect(offers(router.route(at(11)))).toEqual(['c1->ben']);
  });

  it('When an agent is given the missing skill, then the waiting call is offered to them', () => {
    const router = routerWith([agent('ana', { sales: 3 })], [['ana', 0]]);
    router.enqueue({ callId: 'c1', queueId: 'billing', summary: { callerName: 'Dana', reasonCategory: 'frustration' } }, at(1));
    expect(router.route(at(1))).toEqual([]);
    router.updateAgent(agent('ana', { sales: 3, billing: 2 }), at(2));
    expect(router.route(at(2))).toEqual([expect.objectContaining({ type: 'offer_made', agentId: 'ana', summary: { callerName: 'Dana', reasonCategory: 'frustration' } })]);
  });

  it('When the input names an unknown queue or a derived status, then routing refuses with a readable code', () => {
    const router = routerWith([agent('ana', {})], []);
    expect(() => router.enqueue({ callId: 'c1', queueId: 'nope' }, at(0))).toThrow(/No queue/);
    expect(() => router.setAgentStatus('ana', 'busy', at(0))).toThrow(/follows from/);
    expect(() => router.decline('x', at(0))).toThrow(/no longer open/);
  });
});

describe('CallRouter: a snapshot for an instance that joins later', () => {
  it('When a router is rebuilt from a snapshot (as JSON) in the middle of offers, wrap-ups and waiting calls, then it goes on exactly as the original does', () => {
    const original = routerWith([agent('ana', { billing: 3 }), agent('ben', { billing: 5 }), agent('cy', { billing: 1 })], [['ana', 0], ['ben', 1]]);
    original.enqueue({ callId: 'c1', queueId: 'billing' }, at(10));
    original.enqueue({ callId: 'c2', queueId: 'billing', priority: 3 }, at(11));
    original.enqueue({ callId: 'c3', queueId: 'billing' }, at(12));
    const first = original.route(at(12));
    original.accept(offerId(first, 'c2'), at(13));
    original.decline(offerId(first, 'c1'), at(14));
    original.finish('ben', at(40), 'c2');
    const copy = CallRouter.fromSnapshot(JSON.parse(JSON.stringify(original.snapshot())), at(41), { offerTimeoutSeconds: 20, maxWrapUpSeconds: 60 });
    expect(copy.snapshot()).toEqual(original.snapshot());
    const steps: Array<(r: CallRouter) => RoutingEvent[]> = [
      (r) => r.route(at(41)),
      (r) => r.setAgentStatus('cy', 'available', at(42)),
      (r) => r.tick(at(45)),
      (r) => r.tick(at(70)),
      (r) => r.setAgentStatus('ben', 'available', at(120)),
      (r) => r.tick(at(121)),
    ];
    for (const run of steps) expect(run(copy)).toEqual(run(original));
    expect(copy.snapshot()).toEqual(original.snapshot());
    expect(copy.queuedCalls('billing')).toEqual(original.queuedCalls('billing'));
  });
});

describe('CallRouter: today\'s figures for the wallboard', () => {
  it('When calls are answered within and past the goal and a caller hangs up waiting, then today counts them, a snapshot keeps them, and the next day starts at zero', () => {
    const router = routerWith([agent('ana', { billing: 3 })], [['ana', 0]]);
    router.enqueue({ callId: 'c1', queueId: 'billing' }, at(10));
    router.accept(offerId(router.route(at(10)), 'c1'), at(15));
    // c2 and c3 arrive while Ana is on c1.
    router.enqueue({ callId: 'c2', queueId: 'billing' }, at(21));
    router.enqueue({ callId: 'c3', queueId: 'billing' }, at(22));
    router.finish('ana', at(45), 'c1');
    router.setAgentStatus('ana', 'available', at(45));
    // c2 answered 29 s after it arrived: past the 20 s goal.
    router.accept(offerId(router.route(at(45)), 'c2'), at(50));
    router.leave('c3', at(52), true);
    expect(router.queueToday('billing', at(60))).toMatchObject({ answered: 2, answeredWithinGoal: 1, abandoned: 1 });
    const again = CallRouter.fromSnapshot(JSON.parse(JSON.stringify(router.snapshot())), at(60));
    expect(again.queueToday('billing', at(60))).toMatchObject({ answered: 2, answeredWithinGoal: 1, abandoned: 1 });
    expect(again.queueToday('billing', new Date(at(60).getTime() + 86_400_000))).toMatchObject({ answered: 0, answeredWithinGoal: 0, abandoned: 0 });
  });
});
