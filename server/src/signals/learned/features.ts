import type { AnalyzedText } from '../../nlu/Nlu.ts';
import { wordGroups } from './wordGroups.ts';

/**
 * The features the learned detectors read of one caller turn, hashed into a fixed number of buckets (the "hashing
 * trick"): stems and pairs of stems (adjacent, and one word apart, so "real damn person" still holds "real person"),
 * letter runs of 3 to 5 inside each word (so "reprsentative" and "representative" share most of theirs), the turn's
 * length, and what the hand-written signals found (cues). Hand-written because it must run on every turn within a few
 * microseconds and match the trainer exactly; no library hashes n-grams into a caller-owned buffer.
 *
 * Each feature remembers the word it came from, so a decision can say which words weighed most.
 */

/** Buckets of the hash table: 2^18 keeps collisions between the corpus's features rare. */
export const BUCKET_BITS = 18;
const BUCKET_MASK = (1 << BUCKET_BITS) - 1;

/** A feature's source when it is not one word: a pair of words starting at the word, or the whole turn. */
export const WHOLE_TURN = -1;

/** Hashed features of one turn: bucket, value and the word it came from (index into tokens, or WHOLE_TURN). */
export interface Features {
  count: number;
  buckets: Int32Array;
  values: Float32Array;
  /** Index of the first word the feature covers, or WHOLE_TURN. */
  words: Int16Array;
  /** How many words from `words` it covers (1 for a word, 2 for a pair, 3 for a pair one word apart). */
  spans: Int8Array;
}

/** Cues from the hand-written signals, each a feature of its own; the learned weights decide how much they count. */
export type Cue = string;

const MAX_FEATURES = 8192;
/** Words beyond this are not read: a turn is a few sentences; the HTTP limit already caps text. */
export const MAX_WORDS = 120;

export function createFeatures(): Features {
  return {
    count: 0,
    buckets: new Int32Array(MAX_FEATURES),
    values: new Float32Array(MAX_FEATURES),
    words: new Int16Array(MAX_FEATURES),
    spans: new Int8Array(MAX_FEATURES),
  };
}

// FNV-1a, 32 bits, over UTF-16 code units: fast, and the same in the trainer and the server.
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function hashString(seed: number, text: string): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

function hashChar(h: number, code: number): number {
  return Math.imul(h ^ code, FNV_PRIME);
}

const SEP = 0x1f;
const SEED_WORD = hashString(FNV_OFFSET, 'w');
const SEED_PAIR = hashString(FNV_OFFSET, 'b');
const SEED_GAP = hashString(FNV_OFFSET, 'k');
const SEED_CHARS = hashString(FNV_OFFSET, 'c');
const SEED_LENGTH = hashString(FNV_OFFSET, 'n');
const SEED_CUE = hashString(FNV_OFFSET, 'r');
const SEED_GROUP = hashString(FNV_OFFSET, 'g');
const SEED_GROUP_PAIR = hashString(FNV_OFFSET, 'p');
const START = '^';
const END = '$';
const LEFT_EDGE = 0x3c; // '<'
const RIGHT_EDGE = 0x3e; // '>'

function bucketOf(h: number): number {
  // Mix the high bits in: FNV's low bits alone are weak for short keys.
  return (h ^ (h >>> 15)) & BUCKET_MASK;
}

function lengthBand(words: number): string {
  if (words <= 1) return '1';
  if (words <= 2) return '2';
  if (words <= 4) return '3-4';
  if (words <= 8) return '5-8';
  if (words <= 14) return '9-14';
  if (words <= 25) return '15-25';
  return '26+';
}

/**
 * Fills `into` with the turn's features. Word features share one unit of weight between them, word groups another,
 * letter runs a third (each scaled to length 1), so a long turn does not weigh more than a short one for being long;
 * cues count 1 each.
 */
export function featuresOf(analyzed: AnalyzedText, cues: readonly Cue[], into: Features): Features {
  const stems = analyzed.stems;
  const tokens = analyzed.tokens;
  const n = Math.min(stems.length, MAX_WORDS);
  let count = 0;
  const push = (hash: number, word: number, span: number) => {
    if (count >= MAX_FEATURES) return;
    into.buckets[count] = bucketOf(hash);
    into.words[count] = word;
    into.spans[count] = span;
    count++;
  };

  // Words, pairs and pairs one word apart, with the turn's edges as words of their own.
  const wordStart = count;
  for (let i = 0; i < n; i++) {
    const stem = stems[i];
    push(hashString(SEED_WORD, stem), i, 1);
    const next = i + 1 < n ? stems[i + 1] : END;
    push(hashString(hashChar(hashString(SEED_PAIR, stem), SEP), next), i, next === END ? 1 : 2);
    if (i + 2 < n) push(hashString(hashChar(hashString(SEED_GAP, stem), SEP), stems[i + 2]), i, 3);
  }
  if (n > 0) push(hashString(hashChar(hashString(SEED_PAIR, START), SEP), stems[0]), 0, 1);
  scale(into, wordStart, count);

  // Each word's group of words used alike ("livid" reads as "furious" does), and the groups of two words in a row,
  // a unit of weight of their own.
  const { groupOf } = wordGroups();
  const groupStart = count;
  let previous: number | undefined;
  for (let i = 0; i < n; i++) {
    const group = groupOf.get(tokens[i]);
    if (group !== undefined) {
      push(hashChar(SEED_GROUP, group), i, 1);
      if (previous !== undefined) push(hashChar(hashChar(SEED_GROUP_PAIR, previous), group), i - 1, 2);
    }
    previous = group;
  }
  scale(into, groupStart, count);

  // Letter runs of 3 to 5 inside each word, the word's edges marked.
  const charStart = count;
  for (let i = 0; i < n; i++) {
    const token = tokens[i];
    const length = token.length + 2;
    if (length > 40) continue; // not a word a caller says; a pasted string
    for (let size = 3; size <= 5; size++) {
      for (let start = 0; start + size <= length; start++) {
        let h = hashChar(SEED_CHARS, size);
        for (let k = start; k < start + size; k++) h = hashChar(h, k === 0 ? LEFT_EDGE : k === length - 1 ? RIGHT_EDGE : token.charCodeAt(k - 1));
        push(h, i, 1);
      }
    }
  }
  scale(into, charStart, count);

  const cueStart = count;
  push(hashString(SEED_LENGTH, lengthBand(stems.length)), WHOLE_TURN, 0);
  for (const cue of cues) push(hashString(SEED_CUE, cue), WHOLE_TURN, 0);
  for (let f = cueStart; f < count; f++) into.values[f] = 1;

  into.count = count;
  return into;
}

function scale(into: Features, from: number, to: number): void {
  const value = to > from ? 1 / Math.sqrt(to - from) : 0;
  for (let f = from; f < to; f++) into.values[f] = value;
}
