import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../nlu/analyzeText.ts';
import { cuesOf, handWrittenOf } from './cues.ts';
import { createFeatures, featuresOf } from './features.ts';
import { HandoffModel, ModelFileError } from './HandoffModel.ts';
import { learnedSignalsOf } from './learnedSignals.ts';
import { signalModel } from './signalModel.ts';
import { trainModel, type Example } from './train.ts';
import { wordGroups } from './wordGroups.ts';

const read = (text: string) => {
  const analyzed = analyzeText(text);
  return learnedSignalsOf(analyzed, handWrittenOf(analyzed));
};
const t = () => signalModel().thresholds;
const topicsOf = (text: string) => read(text).sensitive.topics.filter((s) => s.probability >= t().sensitive).map((s) => s.topic);

// The issue's own sentences: what word lists missed or misread. They are in the corpus (team-issue-examples), so these
// are a check that the shipped model learned them, not a measure of it; `npm run eval:signals` measures.
describe('the learned handoff detectors', () => {
  it.each([
    'could you put me in touch with somebody',
    'I keep trying to reach an operator',
    "I don't want to deal with a machine",
    'is there an actual human there',
    'get me a real damn person',
  ])('When the caller says "%s", then it reads as asking for a person, with the probability and the words that weighed', (text) => {
    const request = read(text).explicitRequest;
    expect(request.requested).toBe(true);
    expect(request.probability).toBeGreaterThanOrEqual(t().person);
    expect(request.evidence).toBeTruthy();
  });

  it.each([
    'can people transfer me money?',
    'my previous representative told me the fee would be waived',
    'the fraud team already sorted it, I just want my balance',
    'do I need to speak to someone to change my PIN?',
    'not much to complain about',
    'I found my lost card, how do I link it again?',
  ])('When the caller says "%s", then nothing hands the call over: no request, nothing sensitive, no danger, not frustrated', (text) => {
    const s = read(text);
    expect(s.explicitRequest.requested).toBe(false);
    expect(topicsOf(text)).toEqual([]);
    expect(s.safety.atRisk).toBe(false);
    expect(s.frustration.probability).toBeLessThan(t().frustration);
  });

  it.each([
    ["my account's been compromised", 'fraud'],
    ['I need to report that my card was taken', 'fraud'],
    ['someone robbed me and took my wallet', 'fraud'],
    ["I've lost my income and can't pay anything", 'vulnerability'],
    ['this is unlawful and breaks our contract', 'legal_threat'],
  ])('When the caller says "%s", then it reads as the sensitive matter %s, saying why', (text, topic) => {
    expect(topicsOf(text)).toContain(topic);
    expect(read(text).sensitive.topics[0].evidence).not.toBe('');
  });

  it.each(['great, thanks for nothing', 'stop apologising and fix it', "I've been on hold for forty minutes", 'I already told you'])(
    'When the caller says "%s", then one turn reads as frustrated, without any listed angry word',
    (text) => {
      const f = read(text).frustration;
      expect(f.probability).toBeGreaterThanOrEqual(t().frustration);
      expect(f.evidence.length).toBeGreaterThan(0);
    },
  );

  it.each(["there's an outage in my area", 'I was charged a late fee, can you explain it?', 'my payment failed last night', 'I want to cancel my subscription'])(
    'When the caller says "%s", then the domain words alone do not read as frustration',
    (text) => expect(read(text).frustration.probability).toBeLessThan(t().frustration),
  );

  it.each([
    'I want to die',
    "I don't see the point of going on",
    "he's outside the door and I'm scared",
    "I've got the pills in front of me",
    'nobody would miss me',
    'there is a strong smell of gas in the kitchen',
    "I've been cutting myself again",
    "there's no way out of this, I'm going to hang myself",
    "there's a gas smell on the landing and it's getting stronger",
  ])('When the caller says "%s", then the turn is a safety matter, with its evidence', (text) => {
    const safety = read(text).safety;
    expect(safety.atRisk).toBe(true);
    expect(safety.evidence.length).toBeGreaterThan(0);
  });

  it.each([
    ['Does my home insurance cover a break-in?', "someone's breaking in right now"],
    ['the gas leak was fixed yesterday, the engineer said to ring about a credit', 'I can smell gas and the kids are upstairs'],
  ])('When the caller asks "%s", then the danger words alone do not make it a safety matter, while "%s" is one', (question, danger) => {
    expect(read(question).safety.atRisk).toBe(false);
    expect(read(question).safety.evidence).toEqual([]);
    expect(read(danger).safety.atRisk).toBe(true);
    expect(read(danger).safety.evidence.length).toBeGreaterThan(0);
  });

  it.each([
    ['nothing at all', ''],
    ['a turn far over the turn limit', 'my bill is wrong and '.repeat(2000)],
    ['another language', 'hola, necesito ayuda con mi factura por favor'],
    ['symbols only', '?!?! ... ### 12345 €€€'],
  ])('When the caller sends %s, then every detector gives a decision without error', (_what, text) => {
    const s = read(text);
    for (const p of [s.explicitRequest.probability, s.frustration.probability, s.safety.probability]) {
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
    }
    expect(typeof s.safety.atRisk).toBe('boolean');
  });
});

describe('what the hand-written signals tell the model', () => {
  const cues = (text: string) => {
    const analyzed = analyzeText(text);
    return cuesOf(analyzed, handWrittenOf(analyzed));
  };

  it('When a few words are in quotation marks, then the model is told (scare quotes as often as a label read out); an apostrophe is not a quote', () => {
    expect(cues('so the parcel was "delivered" lol')).toContain('quotes');
    expect(cues("Cheers for the 'update', same as last week")).toContain('quotes');
    expect(cues('my order says \'returned to sender\', what happened?')).toContain('quotes');
    expect(cues("I don't know, it's the kids' account")).not.toContain('quotes');
  });
});

describe('training and the model file', () => {
  const examples: Example[] = [
    ['can I talk to a person', true, null, false],
    ['put me through to an agent please', true, null, false],
    ['I want a human now', true, null, true],
    ['what is my balance', false, null, false],
    ['when is my bill due', false, null, false],
    ['my card was stolen', false, 'fraud', false],
    ['someone hacked my account', false, 'fraud', false],
    ['this is ridiculous, fix it', false, null, true],
    ['I want to end my life', false, 'safety', false],
    ['thanks, that is all', false, null, false],
  ].map(([text, person, topic, frustration]) => ({ text, person, topic, frustration, source: 'test' }) as Example);

  it('When the same corpus is trained twice, then the model files are byte for byte the same', () => {
    const options = { epochs: 3, learningRate: 0.2, l2: 1e-6, seed: 7 };
    expect(trainModel(examples, options).toFile().equals(trainModel(examples, options).toFile())).toBe(true);
  });

  it('When a model file is written and read back, then it reads turns as before; a damaged file is refused with the reason', () => {
    const model = trainModel(examples, { epochs: 3, learningRate: 0.2, l2: 1e-6, seed: 7 });
    const file = model.toFile();
    const again = HandoffModel.fromFile(file);
    expect(again.thresholds).toEqual(model.thresholds);
    // The weights are kept to 16 bits: each turn's probabilities come back within a hair of the trained model's.
    for (const text of ['can I talk to a person', 'my card was stolen', 'this is ridiculous, fix it', 'a turn the corpus never had']) {
      const features = featuresOf(analyzeText(text), [], createFeatures());
      const before = model.predict(features);
      const after = again.predict(features);
      expect(after.person).toBeCloseTo(before.person, 3);
      expect(after.frustration).toBeCloseTo(before.frustration, 3);
      after.topics.forEach((p, k) => expect(p).toBeCloseTo(before.topics[k], 3));
    }
    const damaged = Buffer.from(file);
    damaged[damaged.length - 1] ^= 0xff;
    expect(() => HandoffModel.fromFile(damaged)).toThrow(ModelFileError);
    expect(() => HandoffModel.fromFile(Buffer.from('not a model'))).toThrow(ModelFileError);
  });

  it('When a model was trained with other word groups, then it is refused, since its weights would mean other words', () => {
    const file = trainModel(examples, { epochs: 1, learningRate: 0.2, l2: 1e-6, seed: 7 }).toFile().toString('latin1');
    const other = Buffer.from(file.replace(wordGroups().sha256, '0'.repeat(64)), 'latin1');
    expect(() => HandoffModel.fromFile(other)).toThrow(/other word groups/);
  });

  it('When a caller uses a word no corpus turn has, then it is read as the words of its group are ("irate" as "indignant")', () => {
    const { groupOf } = wordGroups();
    expect(groupOf.get('irate')).toBe(groupOf.get('indignant'));
    const bucketsOf = (text: string) => {
      const f = featuresOf(analyzeText(text), [], createFeatures());
      return new Set(f.buckets.subarray(0, f.count));
    };
    const irate = bucketsOf('I am irate');
    const indignant = bucketsOf('I am indignant');
    const shared = [...irate].filter((b) => indignant.has(b) && !bucketsOf('I am here').has(b));
    // The word's group, and the pair of groups "am" + the word's; their letter runs share nothing.
    expect(shared.length).toBe(2);
  });
});
