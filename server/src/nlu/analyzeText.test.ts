import { describe, expect, it } from 'vitest';
import { analyzeText } from './analyzeText.ts';

describe('analyzeText', () => {
  it('When text has capitals, accents and punctuation, then the normalised form is lower-case words with inner apostrophes kept', () => {
    const a = analyzeText("  Café's RÉSUMÉ, please — 'now'!  ");
    expect(a.text).toBe("  Café's RÉSUMÉ, please — 'now'!  ");
    expect(a.normalized).toBe("cafe's resume please now");
  });

  it('When a contraction is negative, then the tokens spell out "not" so negation can be seen', () => {
    expect(analyzeText("I don't want an agent").tokens).toEqual(['i', 'do', 'not', 'want', 'an', 'agent']);
    expect(analyzeText("I can't pay").tokens).toEqual(['i', 'can', 'not', 'pay']);
    expect(analyzeText('I won’t wait').tokens).toEqual(['i', 'will', 'not', 'wait']);
  });

  it('When words are inflected, then stems line up one-to-one with the tokens', () => {
    const a = analyzeText('My cards were stolen, payments refunded');
    expect(a.stems).toHaveLength(a.tokens.length);
    expect(a.stems).toEqual(['my', 'card', 'were', 'stolen', 'payment', 'refund']);
  });

  it('When a post is addressed to a company ("@SkyJetAir"), then the name is not read as words; an email address still is', () => {
    expect(analyzeText('@SkyJetAir so the plane is late, hey @Tally_Bank').tokens).toEqual(['so', 'the', 'plane', 'is', 'late', 'hey']);
    expect(analyzeText('write to jo@example.com').tokens).toEqual(['write', 'to', 'jo', 'example', 'com']);
  });

  it('When the text holds no words, then tokens and stems are empty', () => {
    expect(analyzeText(' ?! ')).toEqual({ text: ' ?! ', normalized: '', tokens: [], stems: [] });
  });

  it('When the same text is analysed twice, then the results are equal but not shared', () => {
    const a = analyzeText('check my balance');
    const b = analyzeText('check my balance');
    expect(b).toEqual(a);
    expect(b.tokens).not.toBe(a.tokens);
  });
});
