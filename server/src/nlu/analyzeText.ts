import { NormalizerEn, StemmerEn, TokenizerEn } from '@nlpjs/lang-en';
import type { AnalyzedText } from './Nlu.ts';

const normalizer = new NormalizerEn();
const tokenizer = new TokenizerEn();

// StemmerEn memoises every word it ever sees; swap it for a fresh one now and then so a long-running
// server's memory stays bounded.
const STEM_CACHE_LIMIT = 20_000;
let stemmer = new StemmerEn();
let stemCache = new Map<string, string>();

function stem(word: string): string {
  let result = stemCache.get(word);
  if (result === undefined) {
    if (stemCache.size >= STEM_CACHE_LIMIT) {
      stemmer = new StemmerEn();
      stemCache = new Map();
    }
    result = stemmer.stemWord(word);
    stemCache.set(word, result);
  }
  return result;
}

// "@SkyJetAir my flight…": whom a post is addressed to is not what it says (a company's name weighs nothing).
const HANDLES = /(?<![\p{L}\p{N}._%+-])@[A-Za-z0-9_]{1,30}/gu;
const CURLY_APOSTROPHES = /[\u2018\u2019\u02bc]/g;
const STRAY_APOSTROPHES = /(?<![\p{L}\p{N}])'|'(?![\p{L}\p{N}])/gu;
const NOT_WORD_OR_APOSTROPHE = /[^\p{L}\p{N}']+/gu;
// TokenizerEn turns "can't" into "ca not" and "won't" into "wo not"; spell them out first.
const CANT = /\bcan't\b/g;
const WONT = /\bwon't\b/g;

export function analyzeText(text: string): AnalyzedText {
  const normalized = normalizer
    .normalize(text.replace(HANDLES, ' '))
    .replace(CURLY_APOSTROPHES, "'")
    .replace(STRAY_APOSTROPHES, ' ')
    .replace(NOT_WORD_OR_APOSTROPHE, ' ')
    .trim();
  // innerTokenize rather than tokenize: tokenize caches every distinct sentence for an hour.
  // It also expands contractions ("don't" -> "do not"), which the signals rely on to see negation.
  const tokens = tokenizer.innerTokenize(normalized.replace(CANT, 'can not').replace(WONT, 'will not'));
  const stems = new Array<string>(tokens.length);
  for (let i = 0; i < tokens.length; i++) stems[i] = stem(tokens[i]);
  return { text, normalized, tokens, stems };
}
