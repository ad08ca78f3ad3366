/**
 * What the signals know of each word of a turn, read in one pass. The signals' word lists (feelings, stopwords, words a
 * request for a person turns on) are merged into one table, so each word of a turn is looked up once rather than once
 * per signal: the tables are large, and mid-turn each lookup costs more in memory traffic than in hashing.
 *
 * A word's entry is a small integer: flag bits, and the word's feeling weight above them.
 */

/** A word too common to carry content ("the", "please"). */
export const STOPWORD = 1;
/** A word that turns the feeling of the next one around ("not happy"). */
export const NEGATOR = 2;
/** A word every request for a person turns on ("agent", "someone", "transfer"). */
export const REQUEST_ANCHOR = 4;

const WEIGHT_SHIFT = 3;
const WEIGHT_BIAS = 16;

const TABLE = new Map<string, number>();

/** Adds `flag` to each word's entry. */
export function addWords(words: Iterable<string>, flag: number): void {
  for (const word of words) TABLE.set(word, (TABLE.get(word) ?? 0) | flag);
}

/** Sets each word's feeling weight (-5..5); a weight of 0 leaves the word without feeling. */
export function addWeights(weights: Iterable<[string, number]>): void {
  for (const [word, weight] of weights) {
    if (!Number.isInteger(weight) || Math.abs(weight) >= WEIGHT_BIAS) throw new Error(`"${word}" has a feeling weight (${weight}) outside -15..15`);
    const flags = (TABLE.get(word) ?? 0) & ((1 << WEIGHT_SHIFT) - 1);
    TABLE.set(word, weight === 0 ? flags : flags | ((weight + WEIGHT_BIAS) << WEIGHT_SHIFT));
  }
}

/** The entry of each token, in order (0 for a word no signal knows). */
export function lexiconOf(tokens: readonly string[]): number[] {
  const entries = new Array<number>(tokens.length);
  for (let i = 0; i < tokens.length; i++) entries[i] = TABLE.get(tokens[i]) ?? 0;
  return entries;
}

/** A word's feeling weight from its entry; 0 when it has none. */
export function weightOf(entry: number): number {
  const biased = entry >> WEIGHT_SHIFT;
  return biased === 0 ? 0 : biased - WEIGHT_BIAS;
}

/** Whether a word says little on its own ("my", "and", "the"): left out where the words that weighed are shown. */
export function isStopword(word: string): boolean {
  return ((TABLE.get(word) ?? 0) & STOPWORD) !== 0;
}
