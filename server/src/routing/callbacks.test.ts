import { describe, expect, it } from 'vitest';
import { callbackWindowText, createCallback, deskCallbacks } from './callbacks.ts';
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

  it('When callbacks wait in several queues, then a desk lists the open ones of its queues and its own claims, earliest first', () => {
    const claimed = { ...createCallback({ ...base, id: 'mine', ewtSeconds: 0 }, at(0)), claimedBy: { agentId: 'ana', at: at(1).toISOString() } };
    const list = [
      createCallback({ ...base, id: 'late', ewtSeconds: 900 }, at(0)),
      createCallback({ ...base, id: 'soon', ewtSeconds: 60 }, at(0)),
      createCallback({ ...base, id: 'other-queue', queueId: 'sales', ewtSeconds: 0 }, at(0)),
      claimed,
      { ...claimed, id: 'theirs', claimedBy: { agentId: 'ben', at: at(1).toISOString() } },
    ];
    expect(deskCallbacks(list, ['billing'], 'ana', at(30)).map((c) => c.id)).toEqual(['mine', 'soon', 'late']);
    expect(deskCallbacks(list, ['billing'], 'ana', at(24 * 3600)).map((c) => c.id)).toEqual(['soon', 'late']);
  });

  it('When a caller who may be in danger asked to be called back, then that callback comes first on every desk of the queue', () => {
    const list = [
      createCallback({ ...base, id: 'soon', ewtSeconds: 60 }, at(0)),
      createCallback({ ...base, id: 'danger', ewtSeconds: 0, urgent: true }, at(5)),
      createCallback({ ...base, id: 'later', ewtSeconds: 900 }, at(0)),
    ];
    expect(list[1].urgent).toBe(true);
    expect(deskCallbacks(list, ['billing'], 'ana', at(30)).map((c) => c.id)).toEqual(['danger', 'soon', 'later']);
  });

  it('When a call back is promised, then the caller hears the window in the queue\'s own time, with the day when it is not today', () => {
    const now = new Date('2026-11-24T13:40:00Z');
    expect(callbackWindowText({ from: '2026-11-24T14:10:00Z', to: '2026-11-24T14:40:00Z' }, 'Europe/London', now)).toBe('between 2:10 pm and 2:40 pm');
    expect(callbackWindowText({ from: '2026-11-25T08:00:00Z', to: '2026-11-25T08:30:00Z' }, 'Europe/London', now)).toBe('tomorrow between 8:00 am and 8:30 am');
    expect(callbackWindowText({ from: '2026-11-27T14:00:00Z', to: '2026-11-27T14:30:00Z' }, 'America/New_York', now)).toBe('on Friday between 9:00 am and 9:30 am');
  });
});
