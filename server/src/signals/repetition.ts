import { StopwordsEn } from '@nlpjs/lang-en';
import type { AnalyzedText } from '../nlu/Nlu.ts';
import { addWords, lexiconOf, STOPWORD } from './lexicon.ts';
import type { ContentWords, RepetitionSignal, TurnHistory } from './types.ts';

/** nlp.js' English stopwords plus words of a conversation's framing ("I told you", "please", "no"). */
addWords([
  ...Object.keys(new StopwordsEn().dictionary),
  'not', 'no', 'yes', 'yeah', 'ok', 'okay', 'please', 'thanks', 'thank', 'hi', 'hello', 'just', 'already',
  'told', 'tell', 'say', 'saying', 'want', 'need', 'know', 'mean', 'said', 'um', 'uh', 'oh',
], STOPWORD);
/** Older turns say little about whether the caller is going round in circles, and bound the work. */
const LOOKBACK = 10;
/** Share of the shorter turn's content words the other turn must also hold to count as a rephrasing. */
const REPHRASE_OVERLAP = 0.5;
const REPHRASE_MIN_COMMON = 2;

/** Stems of the words that carry content; a turn without any ("yes", "ok then") cannot repeat. Kept with each past turn. */
export function contentOf(analyzed: AnalyzedText, lexicon: readonly number[] = lexiconOf(analyzed.tokens)): ContentWords {
  // An array, not a Set: a turn has a handful of content words, and most turns are never compared word by word.
  const stems: string[] = [];
  let sketch = 0;
  for (let i = 0; i < analyzed.tokens.length; i++) {
    if ((lexicon[i] & STOPWORD) !== 0) continue;
    const stem = analyzed.stems[i];
    if (stems.includes(stem)) continue;
    stems.push(stem);
    sketch |= sketchBit(stem);
  }
  return { stems, sketch };
}

/** One of 32 bits for a stem, from its length and its first and last letters: the same stem always sets the same bit. */
function sketchBit(stem: string): number {
  return 1 << ((stem.charCodeAt(0) * 7 + stem.charCodeAt(stem.length - 1) * 3 + stem.length) & 31);
}

function isRephrasing(a: ContentWords, b: ContentWords): boolean {
  // Turns whose sketches share no bit share no stem: most earlier turns are ruled out without looking at a word.
  if ((a.sketch & b.sketch) === 0) return false;
  let common = 0;
  for (const stem of a.stems) if (b.stems.includes(stem)) common++;
  if (common === a.stems.length && common === b.stems.length) return true;
  return common >= REPHRASE_MIN_COMMON && common / Math.min(a.stems.length, b.stems.length) >= REPHRASE_OVERLAP;
}

/**
 * Earlier caller turns (of the last ten) that this one repeats. `evidence[].turn` is the index in `history`.
 * Asking for the same intent again counts only when the call has stayed at this node since: a call that
 * went elsewhere and came back ("anything else?" → "yes" after a solved request) made progress.
 */
export function repetitionOf(
  current: { analyzed: AnalyzedText; content: ContentWords; intent: string | null; nodeId: string },
  history: TurnHistory,
): RepetitionSignal {
  const { content } = current;
  if (content.stems.length === 0) return NO_REPEATS;
  const evidence: RepetitionSignal['evidence'] = [];
  let noProgress = true;
  for (let turn = history.length - 1; turn >= 0 && turn >= history.length - LOOKBACK; turn--) {
    const past = history.at(turn)!;
    noProgress &&= past.nodeId === current.nodeId;
    const pastContent = past.content;
    if (pastContent.stems.length === 0) continue;
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
