import { describe, expect, it } from 'vitest';
import { analyzeText } from '../nlu/analyzeText.ts';
import { sensitiveKeywordsOf, sensitiveTopicsOf } from './sensitiveTopics.ts';

const topics = (text: string, keywords: string[] = []) => sensitiveTopicsOf(analyzeText(text), sensitiveKeywordsOf(keywords));

describe('sensitiveTopicsOf', () => {
  it.each([
    ['my card was stolen', 'fraud', 'card was stolen'],
    ['someone used my credit card', 'fraud', 'someone used my credit card'],
    ["I didn't make this purchase", 'fraud', 'did not make this purchase'],
    ["there's a payment on my card I didn't make", 'fraud', 'on my card i did not make'],
    ['somebody stole my card', 'fraud', 'stole my card'],
    ["there's a charge I don't recognise", 'fraud', 'charge i do not recognise'],
    ['my husband passed away last month', 'bereavement', 'passed away'],
    ['I lost my dear wife in March', 'bereavement', 'lost my dear wife'],
    ['we are arranging the funeral', 'bereavement', 'funeral'],
    ["I'll get my solicitor involved", 'legal_threat', 'solicitor'],
    ["I'm going to sue you", 'legal_threat', 'going to sue'],
    ["I'm taking this to the ombudsman", 'legal_threat', 'ombudsman'],
    ['I was in hospital last week', 'medical', 'hospital'],
    ["I've been diagnosed with cancer", 'medical', 'diagnosed'],
    ["I can't afford to eat this week", 'vulnerability', 'can not afford to eat'],
    ["I'm struggling to cope", 'vulnerability', 'struggling to cope'],
    ['my ex is abusive', 'vulnerability', 'abusive'],
    ['I want to make a formal complaint', 'complaint', 'make a formal complaint'],
    ["I'll complain about this", 'complaint', 'complain'],
  ])('When the caller says "%s", then %s is detected with "%s" as evidence', (text, topic, evidence) => {
    expect(topics(text).topics).toContainEqual({ topic, evidence });
  });

  it('When several topics are raised, then each is reported once', () => {
    const found = topics('fraud, fraud and more fraud: my solicitor will hear of it').topics;
    expect(found).toEqual([
      { topic: 'fraud', evidence: 'fraud' },
      { topic: 'legal_threat', evidence: 'solicitor' },
    ]);
  });

  it('When a flow keyword appears in any case or inflection, then it is reported as written in the flow', () => {
    const s = topics('I want to CANCEL my contract because of the price increases', ['cancel', 'Price Increase', 'roaming']);
    expect(s.keywords).toEqual(['cancel', 'Price Increase']);
  });

  it('When a flow keyword is a phrase, then its words must appear together', () => {
    expect(topics('the price went up, what an increase', ['price increase']).keywords).toEqual([]);
  });

  it.each([
    'I want to check my balance', 'my phone died', "I'm sick of waiting", 'Sue from accounts called me',
    'can I pay by card', 'I lost my card', 'what time do you open',
  ])('When the caller says "%s", then no sensitive topic is detected', (text) => {
    expect(topics(text)).toEqual({ topics: [], keywords: [] });
  });
});
