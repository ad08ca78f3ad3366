import { describe, expect, it } from 'vitest';
import { formatDay, formatPhone, formatTime, formatWindow } from './deskFormat.ts';

describe('formatPhone', () => {
  it('When the number is North American, then it reads as country code, area, exchange and line', () => {
    expect(formatPhone('+14155550123')).toBe('+1 415 555 0123');
  });
  it('When the number has a two-digit country code, then the rest is grouped in threes ending in four', () => {
    expect(formatPhone('+442079460958')).toBe('+44 207 946 0958');
  });
  it('When the number has no country code, then it is grouped the same way', () => {
    expect(formatPhone('5550123')).toBe('555 0123');
  });
  it('When the text is not a stored number, then it is shown as it is', () => {
    expect(formatPhone('ask reception')).toBe('ask reception');
  });
});

describe('formatWindow', () => {
  const now = new Date(2025, 2, 4, 9, 0).getTime();
  const at = (day: number, h: number, m: number) => new Date(2025, 2, day, h, m).toISOString();

  it('When the window is later today, then it starts with "today" and shows both times', () => {
    const text = formatWindow({ from: at(4, 14, 10), to: at(4, 14, 40) }, now);
    expect(text.startsWith('today ')).toBe(true);
    expect(text).toMatch(/10/);
    expect(text).toMatch(/40/);
  });
  it('When the window is tomorrow, then it says so', () => {
    expect(formatDay(at(5, 8, 0), now)).toBe('tomorrow');
  });
  it('When the window runs past midnight, then the end names its own day', () => {
    const text = formatWindow({ from: at(4, 23, 50), to: at(5, 0, 20) }, now);
    expect(text).toContain(`today ${formatTime(at(4, 23, 50))}`);
    expect(text).toContain(`tomorrow ${formatTime(at(5, 0, 20))}`);
  });
});

describe('formatPhone grouping', () => {
  it('When a leftover digit would stand alone, then it joins the first group', () => {
    expect(formatPhone('07700900123')).toBe('0770 090 0123');
    expect(formatPhone('+3312345678')).toBe('+33 1234 5678');
  });
});
