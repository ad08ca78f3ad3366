import { analyzeText } from '../../nlu/analyzeText.ts';
import type { AnalyzedText } from '../../nlu/Nlu.ts';
import { handWrittenOf, type HandWritten } from './cues.ts';

/**
 * A long turn of several sentences is also read sentence by sentence, so that a request for a person or a danger in
 * one of them is not lost in the rest. The trainer splits turns the same way, so its thresholds fit what is read.
 */
export interface Sentence {
  analyzed: AnalyzedText;
  found: HandWritten;
}

const SENTENCE = /(?<=[.!?])\s+|\n+/;
/** Shorter turns are read whole only. */
const LONG_TURN_WORDS = 12;
const MAX_SENTENCES = 8;

/** The sentences of a long turn, each analysed; none for a short turn or a single sentence. */
export function sentencesOf(analyzed: AnalyzedText): Sentence[] {
  if (analyzed.tokens.length <= LONG_TURN_WORDS) return [];
  const parts = analyzed.text.split(SENTENCE).filter((s) => s.trim() !== '');
  if (parts.length < 2) return [];
  return parts.slice(0, MAX_SENTENCES).map((text) => {
    const sentence = analyzeText(text);
    return { analyzed: sentence, found: handWrittenOf(sentence) };
  });
}
