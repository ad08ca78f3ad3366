import { describe, expect, it } from 'vitest';
import { CallRouter } from './CallRouter.ts';
import { HandleTimes } from './HandleTimes.ts';
import { queueWaits, transferDecision } from './estimatedWait.ts';
import { agent, alwaysOpen, at, queue } from './testRouting.ts';

const billing = queue({ id: 'billing', name: 'Billing', requiredSkills: ['billing'], maxWaitSecondsBeforeCallback: 300 });

function busyRouter(handleSeconds: number[]) {
  const handleTimes = new HandleTimes(3, 240);
  for (const s of handleSeconds) handleTimes.record('billing', s);
  const router = new CallRouter([billing], [agent('ana', { billing: 3 }), agent('ben', { billing: 3 }), agent('cy', { sales: 3 })], at(0), { handleTimes });
  return router;
}

describe('estimated wait', () => {
  it('When no call has finished yet, then the default handle time is used; later, the mean of the last N', () => {
    const times = new HandleTimes(3, 240);
    expect(times.averageSeconds('billing')).toBe(240);
    for (const s of [1000, 100, 200, 300]) times.record('billing', s);
    expect(times.averageSeconds('billing')).toBe(200);
  });

  it('When two agents with the skills are on calls and three callers wait, then each wait grows by half a handle time', () => {
    const router = busyRouter([120]);
    for (const id of ['ana', 'ben']) router.setAgentStatus(id, 'available', at(0));
    for (const [i, id] of ['x', 'y', 'c1', 'c2', 'c3'].entries()) router.enqueue({ callId: id, queueId: 'billing' }, at(i));
    for (const e of router.route(at(5))) if (e.type === 'offer_made') router.accept(e.offerId, at(6));
    expect(queueWaits(router, 'billing')).toEqual([
      { callId: 'c1', ewtSeconds: 60, position: 1, agentsAvailable: 0 },
      { callId: 'c2', ewtSeconds: 120, position: 2, agentsAvailable: 0 },
      { callId: 'c3', ewtSeconds: 180, position: 3, agentsAvailable: 0 },
    ]);
  });

  it('When a call is being offered, then its wait is zero and the callers behind count it in their position only', () => {
    const router = busyRouter([]);
    router.setAgentStatus('ana', 'available', at(0));
    router.enqueue({ callId: 'c1', queueId: 'billing' }, at(1));
    router.enqueue({ callId: 'c2', queueId: 'billing' }, at(2));
    router.route(at(2));
    expect(queueWaits(router, 'billing')).toEqual([
      { callId: 'c1', ewtSeconds: 0, position: 1, agentsAvailable: 0 },
      { callId: 'c2', ewtSeconds: 240, position: 2, agentsAvailable: 0 },
    ]);
  });

  it('When nobody with the skills is signed in, then the wait is unknown', () => {
    const router = busyRouter([]);
    router.setAgentStatus('cy', 'available', at(0));
    router.enqueue({ callId: 'c1', queueId: 'billing' }, at(1));
    expect(queueWaits(router, 'billing')).toEqual([{ callId: 'c1', ewtSeconds: null, position: 1, agentsAvailable: 0 }]);
  });
});

describe('transfer decision', () => {
  it('When the queue id is unknown, then the transfer fails', () => {
    expect(transferDecision('nope', busyRouter([]), at(0))).toMatchObject({ outcome: 'failed', reason: 'unknown_queue' });
  });

  it('When the queue is closed, then there is no agent and the next opening is given', () => {
    const closed = queue({ id: 'billing', businessHours: { timeZone: 'Europe/Berlin', weekly: { wed: [{ open: '09:00', close: '17:00' }] } } });
    const router = new CallRouter([closed], [agent('ana', {})], at(0));
    router.setAgentStatus('ana', 'available', at(0));
    // at(0) is Tuesday 24 Nov 2026, 11:00 in Berlin.
    expect(transferDecision('billing', router, at(0))).toMatchObject({ outcome: 'no_agent', reason: 'closed', nextOpening: '2026-11-25T08:00:00.000Z' });
  });

  it('When only agents without the skills or away agents are signed in, then there is no staffed agent', () => {
    const router = busyRouter([]);
    router.setAgentStatus('cy', 'available', at(0));
    router.setAgentStatus('ana', 'away', at(0));
    expect(transferDecision('billing', router, at(0))).toMatchObject({ outcome: 'no_agent', reason: 'no_staffed_agent' });
    expect(transferDecision('billing', router, at(0), { skills: ['sales'] })).toMatchObject({ outcome: 'no_agent', reason: 'no_staffed_agent' });
  });

  it('When an agent is free, then connecting is possible with no wait', () => {
    const router = busyRouter([]);
    router.setAgentStatus('ana', 'available', at(0));
    expect(transferDecision('billing', router, at(0))).toEqual({ outcome: 'connected_possible', ewtSeconds: 0, position: 1, agentsAvailable: 1 });
  });

  it('When the estimated wait is over the queue\'s maximum, then there is no agent, unless the call\'s priority puts it first', () => {
    const router = busyRouter([240]);
    router.setAgentStatus('ana', 'available', at(0));
    router.enqueue({ callId: 'x', queueId: 'billing' }, at(0));
    router.accept(router.route(at(0)).flatMap((e) => (e.type === 'offer_made' ? [e.offerId] : []))[0], at(1));
    router.enqueue({ callId: 'c1', queueId: 'billing' }, at(2));
    // One agent on a call, one caller waiting: a new caller is second in line, 2 × 240 s > 300 s.
    expect(transferDecision('billing', router, at(3))).toMatchObject({ outcome: 'no_agent', reason: 'wait_too_long', ewtSeconds: 480, position: 2 });
    expect(transferDecision('billing', router, at(3), { priority: 5 })).toMatchObject({ outcome: 'connected_possible', ewtSeconds: 240, position: 1 });
  });

  it('When the queue is open around the clock, then business hours never block the transfer', () => {
    const router = new CallRouter([queue({ id: 'any', businessHours: alwaysOpen })], [agent('ana', {})], at(0));
    router.setAgentStatus('ana', 'available', at(0));
    expect(transferDecision('any', router, at(0)).outcome).toBe('connected_possible');
  });
});
