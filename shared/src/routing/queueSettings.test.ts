import { describe, expect, it } from 'vitest';
import { agentSettingsSchema, queueSettingsSchema } from './queueSettings.ts';

const hours = { timeZone: 'America/New_York', weekly: { mon: [{ open: '09:00', close: '24:00' }] }, holidays: ['2026-12-25'] };

describe('queue and agent settings', () => {
  it('When a queue gives only its hours, then the other settings take their defaults', () => {
    const queue = queueSettingsSchema.parse({ id: 'billing', name: 'Billing', businessHours: hours });
    expect(queue).toMatchObject({ requiredSkills: [], maxWaitSecondsBeforeCallback: 300, serviceLevel: { answerWithinSeconds: 20, targetShare: 0.8 } });
    expect(queue.businessHours.weekly.sun).toEqual([]);
  });

  it('When a queue has a bad id, holiday or service level, then each is refused with a reason', () => {
    const result = queueSettingsSchema.safeParse({
      id: 'Billing Team', name: 'Billing', businessHours: { ...hours, holidays: ['2026-02-30'] }, serviceLevel: { answerWithinSeconds: 20, targetShare: 1.5 },
    });
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['businessHours.holidays.0', 'id', 'serviceLevel.targetShare']);
  });

  it('When an agent gives no capacity, then they take one call at a time; proficiency runs 1 to 5', () => {
    expect(agentSettingsSchema.parse({ id: 'ana', name: 'Ana', skills: [{ skill: 'billing', proficiency: 5 }] }).capacity).toBe(1);
    expect(agentSettingsSchema.safeParse({ id: 'ana', name: 'Ana', skills: [{ skill: 'billing', proficiency: 6 }] }).success).toBe(false);
  });
});
