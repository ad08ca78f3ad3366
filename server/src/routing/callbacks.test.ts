import { describe, expect, it } from 'vitest';
import { claimCallback, createCallback, openCallbacks } from './callbacks.ts';
import { at } from './testRouting.ts';

const base = { callId: 'call-1', queueId: 'billing', phone: '+1 (415) 555-0123' };

describe('callbacks', () => {
  it('When the queue is open with a 10-minute wait, then the promised window starts after the wait and lasts 30 minutes', () => {
    const callback = createCallback({ ...base, id: 'cb1', ewtSeconds: 600 }, at(0));
    expect(callback).toEqual({
      id: 'cb1', callId: 'call-1', queueId: 'billing', phone: '+14155550123',
      window: { from: '2026-11-24T10:10:00.000Z', to: '2026-11-24T10:40:00.000Z' }, createdAt: '2026-11-24T10:00:00.000Z',
    });
  });

  it('When the queue is closed, then the window starts at its next opening', () => {
    const callback = createCallback({ ...base, id: 'cb1', ewtSeconds: null, nextOpening: new Date('2026-11-25T08:00:00Z'), windowMinutes: 60 }, at(0));
    expect(callback.window).toEqual({ from: '2026-11-25T08:00:00.000Z', to: '2026-11-25T09:00:00.000Z' });
  });

  it('When the number is not a phone number or the queue never opens, then no callback is promised', () => {
    expect(() => createCallback({ ...base, id: 'cb1', phone: 'call me', ewtSeconds: 0 }, at(0))).toThrow(/not a phone number/);
    expect(() => createCallback({ ...base, id: 'cb1', ewtSeconds: 0, nextOpening: null }, at(0))).toThrow(/no opening hours/);
  });

  it('When an agent claims a callback, then it leaves the open list and a second claim is refused', () => {
    const list = [
      createCallback({ ...base, id: 'late', ewtSeconds: 900 }, at(0)),
      createCallback({ ...base, id: 'soon', ewtSeconds: 60 }, at(0)),
      createCallback({ ...base, id: 'other-queue', queueId: 'sales', ewtSeconds: 0 }, at(0)),
    ];
    expect(openCallbacks(list, ['billing']).map((c) => c.id)).toEqual(['soon', 'late']);
    const { callbacks, claimed } = claimCallback(list, 'soon', 'ana', at(30));
    expect(claimed.claimedBy).toEqual({ agentId: 'ana', at: '2026-11-24T10:00:30.000Z' });
    expect(openCallbacks(callbacks, ['billing']).map((c) => c.id)).toEqual(['late']);
    expect(list[1].claimedBy).toBeUndefined();
    expect(() => claimCallback(callbacks, 'soon', 'ben', at(31))).toThrow(/already claimed by ana/);
    expect(() => claimCallback(callbacks, 'nope', 'ben', at(31))).toThrow(/No callback/);
  });
});
