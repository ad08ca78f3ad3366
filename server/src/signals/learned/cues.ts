import type { AnalyzedText } from '../../nlu/Nlu.ts';
import { dangerPhraseOf } from '../danger.ts';
import { explicitRequestOf, type RequestPhrase } from '../explicitRequest.ts';
import { lexiconOf } from '../lexicon.ts';
import { sensitiveTopicsOf, type SensitiveKeyword, type SensitivePhrases } from '../sensitiveTopics.ts';
import { sentimentOf } from '../sentiment.ts';
import type { SentimentSignal } from '../types.ts';
import type { Cue } from './features.ts';

/** What the hand-written signals found on a turn, as cues for the learned detectors. */
export interface HandWritten {
  sentiment: SentimentSignal;
  explicitRequest: RequestPhrase;
  sensitive: SensitivePhrases;
  /** A phrase of danger or self-harm: safety unless the model rules it out (see DANGER_FLOOR). */
  danger: string | null;
}

/** Runs the hand-written signals on a turn (with a flow's own sensitive keywords, if any). */
export function handWrittenOf(analyzed: AnalyzedText, flowKeywords: readonly SensitiveKeyword[] = [], lexicon: readonly number[] = lexiconOf(analyzed.tokens)): HandWritten {
  return {
    sentiment: sentimentOf(analyzed, lexicon),
    explicitRequest: explicitRequestOf(analyzed, lexicon),
    sensitive: sensitiveTopicsOf(analyzed, flowKeywords),
    danger: dangerPhraseOf(analyzed),
  };
}


/**
 * The hand-written signals' findings and the turn's typography, as cues. The word lists stay where they add what
 * words alone do not give a linear model: a negated request ("I don't need an agent"), a request in a known shape,
 * a listed sensitive phrase, the AFINN feeling of the words; and shouting in capitals or exclamation marks.
 */
export function cuesOf(analyzed: AnalyzedText, found: HandWritten): Cue[] {
  const cues: Cue[] = [];
  if (found.explicitRequest.requested) cues.push('request');
  if (found.explicitRequest.negated) cues.push('negated_request');
  for (const t of found.sensitive.topics) cues.push(`topic:${t.topic}`);
  if (found.danger !== null) cues.push('danger');
  const feeling = found.sentiment.value;
  if (feeling <= -0.8) cues.push('feeling:very_negative');
  else if (feeling <= -0.4) cues.push('feeling:negative');
  else if (feeling < 0) cues.push('feeling:slightly_negative');
  else if (feeling >= 0.4) cues.push('feeling:positive');
  const text = analyzed.text;
  if (text.includes('!')) cues.push(text.includes('!!') ? 'exclaims:many' : 'exclaims');
  if (text.includes('?')) cues.push('asks');
  if (shouted(text)) cues.push('capitals');
  if (QUOTED.test(text)) cues.push('quotes');
  return cues;
}

/**
 * A few words in quotation marks: a caller's scare quotes ("delivered", the 'update') as often as a label read out
 * ("says 'in transit'"); the model weighs it with the words around it. An apostrophe inside a word ("it's") is not a
 * quotation mark: a quote opens after a space or the start and closes before a space, punctuation or the end.
 */
const QUOTED = /(?:^|[\s(])["“'][^"”'\n]{1,60}["”'](?=[\s.,!?;:)]|$)/;

/** Mostly capitals, over enough letters to be shouting rather than "OK" or "ID". */
function shouted(text: string): boolean {
  let letters = 0;
  let upper = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      letters++;
      upper++;
    } else if (c >= 97 && c <= 122) letters++;
  }
  return letters >= 6 && upper >= letters * 0.6;
}
