import { describe, expect, it } from 'vitest';
import { queueSettingsSchema, type QueueSettingsInput } from '@baton/shared';
import { isOpen, nextOpening } from './businessHours.ts';

const nineToFive = [{ open: '09:00', close: '17:00' }];
const queue = (timeZone: string, weekly: QueueSettingsInput['businessHours']['weekly'], holidays: string[] = []) =>
  queueSettingsSchema.parse({ id: 'q', name: 'Q', businessHours: { timeZone, weekly, holidays } });
const weekdaysOnly = (hours: typeof nineToFive) => ({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours });
const at = (iso: string) => new Date(iso);

const newYork = queue('America/New_York', weekdaysOnly(nineToFive));
const berlin = queue('Europe/Berlin', weekdaysOnly([{ open: '08:00', close: '18:00' }]), ['2026-12-25']);

describe('business hours', () => {
  it('When it is 9:30 on a Monday in New York, before and after the spring DST change, then the queue is open at the local time', () => {
    expect(isOpen(newYork, at('2026-03-02T14:30:00Z'))).toBe(true); // 09:30 EST (UTC-5)
    expect(isOpen(newYork, at('2026-03-02T13:30:00Z'))).toBe(false); // 08:30 EST
    expect(isOpen(newYork, at('2026-03-09T13:30:00Z'))).toBe(true); // 09:30 EDT (UTC-4)
    expect(isOpen(newYork, at('2026-03-09T21:00:00Z'))).toBe(false); // 17:00 EDT: close is exclusive
  });

  it('When New York is closed over the weekend of the DST change, then the next opening is Monday 9:00 in daylight time', () => {
    expect(nextOpening(newYork, at('2026-03-06T23:00:00Z'))?.toISOString()).toBe('2026-03-09T13:00:00.000Z');
  });

  it('When Berlin and New York have changed clocks on different dates, then each queue follows its own zone', () => {
    // 16 March: New York already on EDT, Berlin still on CET.
    expect(isOpen(berlin, at('2026-03-16T07:30:00Z'))).toBe(true); // 08:30 CET
    expect(isOpen(berlin, at('2026-03-16T06:30:00Z'))).toBe(false); // 07:30 CET
    expect(isOpen(berlin, at('2026-03-30T06:30:00Z'))).toBe(true); // 08:30 CEST
    expect(nextOpening(berlin, at('2026-03-28T12:00:00Z'))?.toISOString()).toBe('2026-03-30T06:00:00.000Z');
  });

  it('When the queue is open, then the next opening is now', () => {
    expect(nextOpening(berlin, at('2026-03-16T07:30:00Z'))?.toISOString()).toBe('2026-03-16T07:30:00.000Z');
  });

  it('When Christmas is a holiday in Berlin, then the queue is closed all day and opens on the next working day', () => {
    expect(isOpen(berlin, at('2026-12-25T10:00:00Z'))).toBe(false);
    expect(isOpen(berlin, at('2026-12-24T10:00:00Z'))).toBe(true);
    expect(nextOpening(berlin, at('2026-12-24T18:00:00Z'))?.toISOString()).toBe('2026-12-28T07:00:00.000Z');
  });

  it('When a round-the-clock queue has a holiday, then the holiday is the local date, not the UTC one, and "24:00" closes at midnight', () => {
    const allDay = [{ open: '00:00', close: '24:00' }];
    const q = queue('America/New_York', { ...weekdaysOnly(allDay), sat: allDay, sun: allDay }, ['2026-07-04']);
    expect(isOpen(q, at('2026-07-04T02:00:00Z'))).toBe(true); // 3 July 22:00 local
    expect(isOpen(q, at('2026-07-04T03:59:59Z'))).toBe(true); // 3 July 23:59:59 local
    expect(isOpen(q, at('2026-07-04T04:00:00Z'))).toBe(false); // 4 July 00:00 local
    expect(isOpen(q, at('2026-07-05T02:00:00Z'))).toBe(false); // 4 July 22:00 local
    expect(nextOpening(q, at('2026-07-05T02:00:00Z'))?.toISOString()).toBe('2026-07-05T04:00:00.000Z');
  });

  it('When an evening shift closes at "24:00" and continues after midnight as a second range, then the night is covered without a gap', () => {
    const q = queue('Europe/Berlin', { mon: [{ open: '20:00', close: '24:00' }], tue: [{ open: '00:00', close: '06:00' }] });
    expect(isOpen(q, at('2026-06-01T21:59:00Z'))).toBe(true); // Mon 23:59 CEST
    expect(isOpen(q, at('2026-06-01T22:00:00Z'))).toBe(true); // Tue 00:00 CEST
    expect(isOpen(q, at('2026-06-02T04:00:00Z'))).toBe(false); // Tue 06:00 CEST
    expect(nextOpening(q, at('2026-06-02T04:00:00Z'))?.toISOString()).toBe('2026-06-08T18:00:00.000Z');
  });

  it('When an opening falls in the hour skipped by spring forward, then the queue opens when the clock jumps', () => {
    const q = queue('America/New_York', { sun: [{ open: '02:30', close: '05:00' }] });
    const opening = nextOpening(q, at('2026-03-08T05:00:00Z')); // 00:00 EST
    expect(opening?.toISOString()).toBe('2026-03-08T07:00:00.000Z'); // 03:00 EDT
    expect(isOpen(q, opening!)).toBe(true);
  });

  it('When an opening falls in the hour repeated by fall back, then the first of the two is taken', () => {
    const q = queue('America/New_York', { sun: [{ open: '01:30', close: '03:00' }] });
    expect(nextOpening(q, at('2026-11-01T04:00:00Z'))?.toISOString()).toBe('2026-11-01T05:30:00.000Z'); // 01:30 EDT
  });

  it('When a queue has no weekly hours, then it never opens', () => {
    expect(nextOpening(queue('Europe/Berlin', {}), at('2026-06-01T10:00:00Z'))).toBeNull();
  });

  it('When the settings name an unknown zone or an overnight range, then they are refused with a readable reason', () => {
    const bad = queueSettingsSchema.safeParse({ id: 'q', name: 'Q', businessHours: { timeZone: 'Mars/Olympus', weekly: { mon: [{ open: '22:00', close: '06:00' }] } } });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => i.message).join(' | ');
    expect(messages).toContain('time zone');
    expect(messages).toContain('overnight');
  });
});
