import { describe, expect, it } from 'vitest';
import type { QueueLiveFigures, WebhookDelivery } from '@baton/shared';
import { deliveryProblemWords, estimateWords, queueLiveParts, waitWords } from './liveWords.ts';

const figures = (change: Partial<QueueLiveFigures>): QueueLiveFigures => ({
  queueId: 'billing', name: 'Billing', open: true, waiting: 0, longestWaitSeconds: 0, agentsAvailable: 0, agentsSignedIn: 0,
  estimatedWaitSeconds: null, serviceLevel: { answerWithinSeconds: 20, targetShare: 0.8 }, today: { answered: 0, answeredWithinGoal: 0, abandoned: 0 }, ...change,
});

describe('live figures in words', () => {
  it('When callers wait in an open queue, then the line says how many, how long, who is free and the wait for a new caller', () => {
    const line = queueLiveParts(figures({ waiting: 3, longestWaitSeconds: 130, agentsAvailable: 2, agentsSignedIn: 5, estimatedWaitSeconds: 70 })).join(' · ');
    expect(line).toBe('3 callers waiting · longest 2 min 10 s · 2 of 5 agents free · new callers wait about 1 minute · Open now');
  });

  it('When a queue is closed and nobody is signed in, then it says so without a wait', () => {
    expect(queueLiveParts(figures({ open: false })).join(' · ')).toBe('No callers waiting · no agents signed in · Closed now');
    expect(queueLiveParts(figures({ waiting: 1, longestWaitSeconds: 5, agentsAvailable: 1, agentsSignedIn: 1, estimatedWaitSeconds: 0 }))).toEqual([
      '1 caller waiting', 'longest 5 s', '1 of 1 agent free', 'new callers are answered at once', 'Open now',
    ]);
  });

  it('When durations are long or short, then they read as a person would say them', () => {
    expect([waitWords(0), waitWords(59), waitWords(120), waitWords(3700)]).toEqual(['0 s', '59 s', '2 min', '1 h 1 min']);
    expect([estimateWords(20), estimateWords(100), estimateWords(7200)]).toEqual(['under a minute', 'about 2 minutes', 'about 2 hours']);
  });

  it('When a delivery could not reach the receiver, then the reason is in plain words', () => {
    const failed: WebhookDelivery = {
      id: 'd1', queueId: 'billing', callId: 'c1', state: 'failed', attempts: 5, startedAt: '2026-01-01T10:00:00Z', updatedAt: '2026-01-01T10:00:15Z',
      lastError: { code: 'webhook_network_error', message: 'Could not reach the webhook receiver at 127.0.0.1:9: ECONNREFUSED.' },
    };
    expect(deliveryProblemWords(failed)).not.toMatch(/ECONNREFUSED/);
    expect(deliveryProblemWords({ ...failed, state: 'delivered' })).toMatch(/^Arrived in the end/);
    expect(deliveryProblemWords({ ...failed, lastError: undefined })).toBeUndefined();
  });
});
