import { describe, expect, it } from 'vitest';
import { extractEntities } from './extractEntities.ts';

const now = new Date(2025, 2, 12, 10, 0, 0); // Wednesday 12 March 2025, local time
const all = ['number', 'amount', 'date', 'email', 'phone'] as const;

describe('extractEntities', () => {
  it('When numbers are written in digits, then their values are read with thousands separators and decimals', () => {
    expect(extractEntities('I have 3 cards, 1,250 points and 3.5 hours', ['number'], now).map((e) => e.value)).toEqual([3, 1250, 3.5]);
  });

  it('When numbers are written in words, then composed words give one value and listed words give several', () => {
    expect(extractEntities('twenty five', ['number'], now)).toEqual([{ type: 'number', value: 25, text: 'twenty five' }]);
    expect(extractEntities('two hundred and fifty-three', ['number'], now)[0].value).toBe(253);
    expect(extractEntities('one thousand two hundred', ['number'], now)[0].value).toBe(1200);
    expect(extractEntities('one two three', ['number'], now).map((e) => e.value)).toEqual([1, 2, 3]);
    expect(extractEntities('someone is here', ['number'], now)).toEqual([]);
  });

  it('When amounts carry a currency symbol or word, then the value is the number and the text keeps the currency', () => {
    expect(extractEntities('I paid $120.50, then 120 dollars, £40, 40 pounds and €5', ['amount'], now)).toEqual([
      { type: 'amount', value: 120.5, text: '$120.50' },
      { type: 'amount', value: 120, text: '120 dollars' },
      { type: 'amount', value: 40, text: '£40' },
      { type: 'amount', value: 40, text: '40 pounds' },
      { type: 'amount', value: 5, text: '€5' },
    ]);
    expect(extractEntities('about twenty dollars', ['amount'], now)).toEqual([{ type: 'amount', value: 20, text: 'twenty dollars' }]);
  });

  it('When a number is an amount and both types are asked for, then it is returned only as the amount', () => {
    expect(extractEntities('send $1,250 for 2 months', ['number', 'amount'], now)).toEqual([
      { type: 'amount', value: 1250, text: '$1,250' },
      { type: 'number', value: 2, text: '2' },
    ]);
  });

  it('When a date is said in words or digits, then its value is the ISO day relative to now', () => {
    expect(extractEntities('tomorrow please', ['date'], now)).toEqual([{ type: 'date', value: '2025-03-13', text: 'tomorrow' }]);
    expect(extractEntities('pay on the 5th of April', ['date'], now)[0].value).toBe('2025-04-05');
    expect(extractEntities('it was 2024-05-12', ['date'], now)[0].value).toBe('2024-05-12');
  });

  it('When only a time of day is said, then no date is returned', () => {
    expect(extractEntities('call me at 5pm', ['date'], now)).toEqual([]);
  });

  it('When an email address is given, then it is returned lower-cased', () => {
    expect(extractEntities('write to John.Doe+bills@Example.co.uk today', ['email'], now)).toEqual([
      { type: 'email', value: 'john.doe+bills@example.co.uk', text: 'John.Doe+bills@Example.co.uk' },
    ]);
  });

  it('When a phone number has spaces, dashes and parentheses, then the value keeps only digits and a leading plus', () => {
    expect(extractEntities('call +44 (20) 7946-0958 or 555 1234', ['phone'], now)).toEqual([
      { type: 'phone', value: '+442079460958', text: '+44 (20) 7946-0958' },
      { type: 'phone', value: '5551234', text: '555 1234' },
    ]);
  });

  it('When a digit run is too short or too long for a phone, then it is not a phone', () => {
    expect(extractEntities('code 123456 or 1234567890123456', ['phone'], now)).toEqual([]);
  });

  it('When only some types are asked for, then only those are returned', () => {
    const text = 'email a@b.com, call 07700 900123, pay £5 on Friday';
    expect(extractEntities(text, ['email'], now).map((e) => e.type)).toEqual(['email']);
    expect(extractEntities(text, all, now).map((e) => e.type)).toEqual(['email', 'phone', 'amount', 'date']);
    expect(extractEntities(text, [], now)).toEqual([]);
  });

  it('When the input is long and hostile, then extraction still finishes quickly', () => {
    const text = `${'a.'.repeat(20_000)} ${'1 '.repeat(20_000)} ${'x'.repeat(20_000)}@`;
    const started = performance.now();
    extractEntities(text, ['email', 'phone', 'number', 'amount'], now);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
