import { describe, expect, it } from 'vitest';
import { lexiconOf, NEGATOR, REQUEST_ANCHOR, STOPWORD, weightOf } from './lexicon.ts';
import './index.ts';

describe('lexiconOf', () => {
  it('When a word is in several signals\' lists, then its one entry says so for each of them', () => {
    const [not, agent, terrible, useless, unknown] = lexiconOf(['not', 'agent', 'terrible', 'useless', 'zxqv']);
    expect(not & NEGATOR).toBe(NEGATOR);
    expect(not & STOPWORD).toBe(STOPWORD);
    expect(agent & REQUEST_ANCHOR).toBe(REQUEST_ANCHOR);
    expect(weightOf(terrible)).toBe(-3);
    expect(weightOf(useless)).toBe(-3);
    expect(unknown).toBe(0);
    expect(weightOf(unknown)).toBe(0);
  });

  it('When a word is neutralised for a support line ("please", "cancel"), then it has no feeling weight', () => {
    expect(lexiconOf(['please', 'cancel', 'brilliant']).map(weightOf)).toEqual([0, 0, 4]);
  });
});
