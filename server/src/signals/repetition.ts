import { StopwordsEn } from '@nlpjs/lang-en';
import type { AnalyzedText } from '../nlu/Nlu.ts';
import type { RepetitionSignal, TurnHistory } from './types.ts';

/** nlp.js' English stopwords plus words of a conversation's framing ("I told you", "please", "no"). */
const STOPWORDS = new Set([
  ...Object.keys(new StopwordsEn().dictionary),
  'not', 'no', 'yes', 'yeah', 'ok', 'okay', 'please', 'thanks', 'thank', 'hi', 'hello', 'just', 'already',
  'told', 'tell', 'say', 'saying', 'want', 'need', 'know', 'mean', 'said', 'um', 'uh', 'oh',
]);
/** Older turns say little about whether the caller is going round in circles, and bound the work. */
const LOOKBACK = 10;
/** Share of the shorter turn's content words the other turn must also hold to count as a rephrasing. */
const REPHRASE_OVERLAP = 0.5;
const REPHRASE_MIN_COMMON = 2;

/** Stems of the words that carry content; a turn without any ("yes", "ok then") cannot repeat. Kept with each past turn. */
export function contentOf(analyzed: AnalyzedText): Set<string> {
  const content = new Set<string>();
  for (let i = 0; i < analyzed.tokens.length; i++) {
    if (!STOPWORDS.has(analyzed.tokens[i])) content.add(analyzed.stems[i]);
  }
  return content;
}

function isRephrasing(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  let common = 0;
  for (const stem of a) if (b.has(stem)) common++;
  if (common === a.size && common === b.size) return true;
  return common >= REPHRASE_MIN_COMMON && common / Math.min(a.size, b.size) >= REPHRASE_OVERLAP;
}

/**
 * Earlier caller turns (of the last ten) that this one repeats. `evidence[].turn` is the index in `history`.
 * Asking for the same intent again counts only when the call has stayed at this node since: a call that
 * went elsewhere and came back ("anything else?" → "yes" after a solved request) made progress.
 */
export function repetitionOf(
  current: { analyzed: AnalyzedText; content: ReadonlySet<string>; intent: string | null; nodeId: string },
  history: TurnHistory,
): RepetitionSignal {
  const { content } = current;
  if (content.size === 0) return NO_REPEATS;
  const evidence: RepetitionSignal['evidence'] = [];
  let noProgress = true;
  for (let turn = history.length - 1; turn >= 0 && turn >= history.length - LOOKBACK; turn--) {
    const past = history.at(turn)!;
    noProgress &&= past.nodeId === current.nodeId;
    const pastContent = past.content;
    if (pastContent.size === 0) continue;
    const text = past.analyzed.text;
    if (past.analyzed.normalized === current.analyzed.normalized) evidence.push({ turn, text, how: 'same_words' });
    else if (isRephrasing(content, pastContent)) evidence.push({ turn, text, how: 'rephrased' });
    else if (noProgress && current.intent !== null && past.intent === current.intent)
      evidence.push({ turn, text, how: 'same_intent' });
  }
  if (evidence.length === 0) return NO_REPEATS;
  evidence.reverse();
  return { repeats: evidence.length, evidence };
}

/** A turn that repeats nothing, as most do: one shared, frozen answer. */
const NO_REPEATS: RepetitionSignal = Object.freeze({ repeats: 0, evidence: Object.freeze([]) as unknown as RepetitionSignal['evidence'] });
