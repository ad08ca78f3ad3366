import { createRequire } from 'node:module';
import type { AnalyzedText } from '../nlu/Nlu.ts';
import { addWeights, addWords, lexiconOf, NEGATOR, weightOf } from './lexicon.ts';
import type { SentimentSignal } from './types.ts';

// The `sentiment` package's AFINN-165 word list and negators. We apply its scoring (a negator just
// before a word flips it) to the tokens the turn already has, instead of letting the package
// tokenize every turn a second time and merge our extras into its table on every call.
const require = createRequire(import.meta.url);
const AFINN: Record<string, number> = require('sentiment/languages/en/labels.json');
const PACKAGE_NEGATORS: Record<string, number> = require('sentiment/languages/en/negators.json');

/**
 * AFINN tuned for a support line. Added: complaint words it lacks or weighs lightly ("fed" stands
 * for "fed up"; "joke" is +2 in AFINN, but "this is a joke" is a complaint). Neutralised: words of
 * ordinary requests ("I'd like to pay", "please help", "cancel my order") that would otherwise read
 * as feelings.
 */
const EXTRAS: Record<string, number> = {
  ridiculous: -3, useless: -3, unacceptable: -3, fed: -2, waste: -2, scam: -3, hopeless: -3,
  rubbish: -3, shambles: -3, disgrace: -3, incompetent: -3, joke: -2, nightmare: -3, brilliant: 4,
  perfect: 3, thanks: 2, cheers: 2, lifesaver: 3, charged: -1, scammed: -3,
  // Facts of the case, not the caller's mood: "I lost my card", "my alarm is beeping".
  lost: -1, alarm: 0,
  please: 0, help: 0, want: 0, like: 0, yes: 0, no: 0, pay: 0, charges: 0, free: 0, cancel: 0,
  cancelled: 0, care: 0, kind: 0, matter: 0, interest: 0,
};
addWeights(Object.entries({ ...AFINN, ...EXTRAS }));
/** The package's negators that our tokens can still contain (TokenizerEn already turns "don't" into "do not"). */
addWords(Object.keys(PACKAGE_NEGATORS), NEGATOR);

/**
 * tanh(score / 4) keeps the value in -1..1 and saturates gently: one strong word ("terrible", -3)
 * gives -0.64, two give -0.91, so a rule like "sentiment < -0.5" reads naturally.
 */
const SCALE = 4;

/** `lexicon`: what the signals know of each token (see lexicon.ts), when the turn's other signals read it too. */
export function sentimentOf(analyzed: AnalyzedText, lexicon: readonly number[] = lexiconOf(analyzed.tokens)): SentimentSignal {
  const { tokens } = analyzed;
  let score = 0;
  let evidence: SentimentSignal['evidence'] | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const base = weightOf(lexicon[i]);
    if (base === 0) continue;
    const negated = i > 0 && (lexicon[i - 1] & NEGATOR) !== 0;
    const weight = negated ? -base : base;
    score += weight;
    (evidence ??= []).push({ words: negated ? `${tokens[i - 1]} ${tokens[i]}` : tokens[i], weight });
  }
  return evidence === null ? NEUTRAL : { value: Math.tanh(score / SCALE), evidence };
}

/** Words without any feeling, as most turns are: one shared, frozen answer. */
const NEUTRAL: SentimentSignal = Object.freeze({ value: 0, evidence: Object.freeze([]) as unknown as SentimentSignal['evidence'] });
