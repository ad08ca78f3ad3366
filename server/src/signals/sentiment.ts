import Sentiment from 'sentiment';
import type { AnalyzedText } from '../nlu/Nlu.ts';
import type { SentimentSignal } from './types.ts';

const analyzer = new Sentiment();

/**
 * AFINN tuned for a support line. Added: complaint words it lacks or weighs lightly ("fed" stands
 * for "fed up"; "joke" is +2 in AFINN, but "this is a joke" is a complaint). Neutralised: words of
 * ordinary requests ("I'd like to pay", "please help", "cancel my order") that would otherwise read
 * as feelings. The package merges extras into its English table on each call, so they apply process-wide.
 */
const EXTRAS: Record<string, number> = {
  ridiculous: -3, useless: -3, unacceptable: -3, fed: -2, waste: -2, scam: -3, hopeless: -3,
  rubbish: -3, shambles: -3, disgrace: -3, incompetent: -3, joke: -2, nightmare: -3, brilliant: 4,
  perfect: 3, thanks: 2, cheers: 2, lifesaver: 3, charged: -1,
  please: 0, help: 0, want: 0, like: 0, yes: 0, no: 0, pay: 0, charges: 0, free: 0, cancel: 0,
  cancelled: 0, care: 0, kind: 0, matter: 0, interest: 0,
};
const OPTIONS = { extras: EXTRAS };

/** The package's negators that our tokens can still contain (TokenizerEn already turns "don't" into "do not"). */
const NEGATORS = new Set(['not', 'non', 'cant', 'dont', 'doesnt', 'wont', 'isnt']);

/**
 * tanh(score / 4) keeps the value in -1..1 and saturates gently: one strong word ("terrible", -3)
 * gives -0.64, two give -0.91, so a rule like "sentiment < -0.5" reads naturally.
 */
const SCALE = 4;

export function sentimentOf(analyzed: AnalyzedText): SentimentSignal {
  const { tokens } = analyzed;
  if (tokens.length === 0) return { value: 0, evidence: [] };
  // Our tokens contain only letters, digits and apostrophes, so the package's own tokenizer
  // splits the joined text back into exactly these tokens.
  const result = analyzer.analyze(tokens.join(' '), OPTIONS);
  const evidence: SentimentSignal['evidence'] = [];
  // `calculation` lists scored words from the last token back to the first.
  let next = 0;
  for (let i = tokens.length - 1; i >= 0 && next < result.calculation.length; i--) {
    const entry = result.calculation[next];
    if (!Object.hasOwn(entry, tokens[i])) continue;
    const weight = entry[tokens[i]];
    next++;
    if (weight === 0) continue;
    const negated = i > 0 && NEGATORS.has(tokens[i - 1]);
    evidence.push({ words: negated ? `${tokens[i - 1]} ${tokens[i]}` : tokens[i], weight });
  }
  evidence.reverse();
  return { value: Math.tanh(result.score / SCALE), evidence };
}
