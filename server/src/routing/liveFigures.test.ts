import { describe, expect, it } from 'vitest';
import { CallRouter } from './CallRouter.ts';
import { HandleTimes } from './HandleTimes.ts';
import { liveFigures } from './liveFigures.ts';
import { agent, at, queue } from './testRouting.ts';

const billing = queue({ id: 'billing', name: 'Billing', requiredSkills: ['billing'], serviceLevel: { answerWithinSeconds: 30, targetShare: 0.9 } });
const sales = queue({ id: 'sales', name: 'Sales', requiredSkills: ['sales'] });
const night = queue({ id: 'night', name: 'Night line', businessHours: { timeZone: 'UTC', weekly: { mon: [{ open: '22:00', close: '24:00' }] } } });

/** Ana and Ben take billing, Cy sales; handle times average 120 s. */
function router() {
  const handleTimes = new HandleTimes(10, 120);
  return new CallRouter([billing, sales, night], [agent('ana', { billing: 3 }), agent('ben', { billing: 2 }), agent('cy', { sales: 3 })], at(0), { handleTimes });
}

/** Offers every waiting call it can and has the agents accept. */
function routeAndAccept(r: CallRouter, seconds: number) {
  for (const e of r.route(at(seconds))) if (e.type === 'offer_made') r.accept(e.offerId, at(seconds));
}

describe('live figures', () => {
  it('When nobody is signed in and no caller waits, then every queue shows zeros and no estimated wait', () => {
    const figures = liveFigures(router(), at(10), ['billing', 'sales']);
    expect(figures.at).toBe(at(10).toISOString());
    expect(figures.queues).toEqual([
      { queueId: 'billing', name: 'Billing', open: true, waiting: 0, longestWaitSeconds: 0, agentsAvailable: 0, agentsSignedIn: 0, estimatedWaitSeconds: null, serviceLevel: { answerWithinSeconds: 30, targetShare: 0.9 }, today: { answered: 0, answeredWithinGoal: 0, abandoned: 0 } },
      expect.objectContaining({ queueId: 'sales', waiting: 0, agentsSignedIn: 0, estimatedWaitSeconds: null }),
    ]);
    expect(figures.agents.map((a) => [a.agentId, a.status, a.calls, a.since])).toEqual([
      ['ana', 'offline', 0, undefined],
      ['ben', 'offline', 0, undefined],
      ['cy', 'offline', 0, undefined],
    ]);
    expect(figures.calls).toEqual([]);
  });

  it('When both billing agents are on calls and two callers wait, then the waiting count, longest wait and estimated wait follow', () => {
    const r = router();
    r.setAgentStatus('ana', 'available', at(0));
    r.setAgentStatus('ben', 'available', at(0));
    r.enqueue({ callId: 'c1', queueId: 'billing' }, at(10));
    r.enqueue({ callId: 'c2', queueId: 'billing' }, at(11));
    routeAndAccept(r, 12);
    r.enqueue({ callId: 'c3', queueId: 'billing' }, at(20));
    r.enqueue({ callId: 'c4', queueId: 'billing' }, at(50));
    const [billingNow] = liveFigures(r, at(95), ['billing']).queues;
    // Two callers ahead of a new one, two agents each freeing up every 120 s: (3 × 120) / 2.
    expect(billingNow).toMatchObject({ waiting: 2, longestWaitSeconds: 75, agentsAvailable: 0, agentsSignedIn: 2, estimatedWaitSeconds: 180 });
  });

  it('When a call is being offered to an agent, then it still counts as waiting until the agent accepts', () => {
    const r = router();
    r.setAgentStatus('ana', 'available', at(0));
    r.enqueue({ callId: 'c1', queueId: 'billing' }, at(5));
    r.route(at(5));
    expect(liveFigures(r, at(8), ['billing']).queues[0]).toMatchObject({ waiting: 1, longestWaitSeconds: 3, agentsAvailable: 0, agentsSignedIn: 1 });
  });

  it('When one agent is free and another away, then only the free one counts and a new caller waits no time', () => {
    const r = router();
    r.setAgentStatus('ana', 'available', at(0));
    r.setAgentStatus('ben', 'away', at(0));
    expect(liveFigures(r, at(1), ['billing']).queues[0]).toMatchObject({ agentsAvailable: 1, agentsSignedIn: 1, estimatedWaitSeconds: 0 });
  });

  it('When a queue is outside its hours, then it shows closed with no estimated wait', () => {
    const r = router();
    r.setAgentStatus('ana', 'available', at(0));
    // T0 is a Tuesday, 10:00 UTC; the night line opens on Mondays at 22:00 only.
    expect(liveFigures(r, at(0), ['night']).queues[0]).toMatchObject({ queueId: 'night', open: false, estimatedWaitSeconds: null, agentsSignedIn: 1 });
  });

  it('When agents go available, take a call and finish it, then each shows its status, calls and since when', () => {
    const r = router();
    r.setAgentStatus('ana', 'available', at(5));
    r.setAgentStatus('ben', 'available', at(6));
    r.setAgentStatus('cy', 'away', at(7));
    r.enqueue({ callId: 'c1', queueId: 'billing' }, at(10));
    routeAndAccept(r, 20);
    r.enqueue({ callId: 'c2', queueId: 'billing' }, at(30));
    routeAndAccept(r, 40);
    r.finish('ben', at(70));
    const agents = liveFigures(r, at(80), []).agents;
    expect(agents).toEqual([
      { agentId: 'ana', name: 'ana', status: 'busy', calls: 1, since: at(20).toISOString() },
      { agentId: 'ben', name: 'ben', status: 'wrap_up', calls: 0, since: at(70).toISOString() },
      { agentId: 'cy', name: 'cy', status: 'away', calls: 0 },
    ]);
    r.setAgentStatus('ben', 'available', at(90));
    expect(liveFigures(r, at(95), []).agents[1]).toEqual({ agentId: 'ben', name: 'ben', status: 'available', calls: 0, since: at(90).toISOString() });
  });

  it('When asked for a queue routing does not know, then it is left out', () => {
    expect(liveFigures(router(), at(0), ['nope', 'sales']).queues.map((q) => q.queueId)).toEqual(['sales']);
  });
});
