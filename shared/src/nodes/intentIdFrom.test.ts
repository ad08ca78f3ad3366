import { describe, expect, it } from 'vitest';
import { intentIdFrom, intentLabel } from './ai.ts';

describe('intent names', () => {
  it('When an intent is named in plain words, then its id is those words in lower case joined by _', () => {
    expect(intentIdFrom('Outage status', new Set())).toBe('outage_status');
    expect(intentIdFrom('  Où est ma facture ?', new Set())).toBe('ou_est_ma_facture');
    expect(intentIdFrom('24h support', new Set())).toBe('intent_24h_support');
  });

  it('When the id is taken by another intent or reserved, then a number is added; a name without letters gives none', () => {
    expect(intentIdFrom('Outage status', new Set(['outage_status']))).toBe('outage_status_2');
    expect(intentIdFrom('No match', new Set())).toBe('no_match_2');
    expect(intentIdFrom('?!', new Set())).toBeNull();
  });

  it('When an intent from an older flow has no plain-words name, then people see its id in words', () => {
    expect(intentLabel({ name: 'check_balance' })).toBe('check balance');
    expect(intentLabel({ name: 'outage_status', label: 'Outage status' })).toBe('Outage status');
  });
});
