import type { CallbackRequest } from '@baton/shared';
import { describe, expect, it } from 'vitest';
import type { DeskState } from './deskApi.ts';
import { applyConversationEvent, withHangUps } from './deskUpdates.ts';

const callback = (id: string, from: string, claimedBy?: string): CallbackRequest => ({
  id,
  callId: `call-${id}`,
  queueId: 'billing',
  phone: '+14155550123',
  window: { from, to: from },
  createdAt: '2025-03-04T09:00:00.000Z',
  ...(claimedBy ? { claimedBy: { agentId: claimedBy, at: '2025-03-04T09:01:00.000Z' } } : {}),
});

const desk = (over: Partial<DeskState> = {}): DeskState => ({
  agentId: 'amara',
  name: 'Amara',
  status: 'busy',
  capacity: 1,
  offers: [],
  calls: [{ callId: 'c1', queueId: 'billing', connectedAt: '2025-03-04T09:00:00.000Z', packet: {} as DeskState['calls'][number]['packet'], conversation: [] }],
  callbacks: [],
  ...over,
});

describe('applyConversationEvent', () => {
  it('When the caller says something, then the line is added to that call once', () => {
    const event = { type: 'caller_said', callId: 'c1', agentId: 'amara', text: 'Hello?', at: '2025-03-04T09:00:05.000Z' } as const;
    const once = applyConversationEvent(desk(), event);
    const twice = applyConversationEvent(once, event);
    expect(twice.calls[0].conversation).toEqual([{ from: 'caller', text: 'Hello?', at: event.at }]);
  });

  it('When the caller hangs up, then the call says so', () => {
    const next = applyConversationEvent(desk(), { type: 'caller_hung_up', callId: 'c1', agentId: 'amara', at: '2025-03-04T09:02:00.000Z' });
    expect(next.calls[0].callerHungUpAt).toBe('2025-03-04T09:02:00.000Z');
  });

  it('When a callback is created, then it is listed in window order', () => {
    const state = desk({ callbacks: [callback('a', '2025-03-04T10:00:00.000Z')] });
    const next = applyConversationEvent(state, { type: 'callback_created', callback: callback('b', '2025-03-04T09:30:00.000Z') });
    expect(next.callbacks.map((c) => c.id)).toEqual(['b', 'a']);
  });

  it('When another agent claims a callback, then it disappears; when this agent does, then it stays as theirs', () => {
    const state = desk({ callbacks: [callback('a', '2025-03-04T10:00:00.000Z'), callback('b', '2025-03-04T11:00:00.000Z')] });
    const taken = applyConversationEvent(state, { type: 'callback_claimed', callback: callback('a', '2025-03-04T10:00:00.000Z', 'bo') });
    expect(taken.callbacks.map((c) => c.id)).toEqual(['b']);
    const mine = applyConversationEvent(taken, { type: 'callback_claimed', callback: callback('b', '2025-03-04T11:00:00.000Z', 'amara') });
    expect(mine.callbacks[0].claimedBy?.agentId).toBe('amara');
  });
});

describe('withHangUps', () => {
  it('When a state read does not say the caller hung up but an event did, then the call keeps it', () => {
    expect(withHangUps(desk(), new Map([['c1', '2025-03-04T09:02:00.000Z']])).calls[0].callerHungUpAt).toBe('2025-03-04T09:02:00.000Z');
  });
});
