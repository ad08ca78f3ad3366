import { analyzeText } from '../nlu/analyzeText.ts';

export interface PhraseMatch<T> {
  tag: T;
  phrase: string;
  start: number;
  /** Index after the last matched token. */
  end: number;
}

const NO_MATCHES: ReadonlyArray<PhraseMatch<never>> = Object.freeze([]);

interface Entry<T> {
  tag: T;
  phrase: string;
  stems: string[];
}

/**
 * Phrases looked up by stem, so "cards were stolen" matches "card was stolen". Phrases are indexed
 * by their first stem; each later stem may come up to `maxGap` tokens after the one before it
 * ("card has been stolen", "lost my dear husband").
 */
export class PhraseIndex<T> {
  private readonly byFirstStem = new Map<string, Array<Entry<T>>>();

  constructor(
    phrases: Iterable<{ tag: T; phrase: string }>,
    private readonly maxGap = 2,
  ) {
    for (const { tag, phrase } of phrases) {
      const { stems } = analyzeText(phrase);
      if (stems.length === 0) continue;
      const list = this.byFirstStem.get(stems[0]) ?? [];
      list.push({ tag, phrase, stems });
      this.byFirstStem.set(stems[0], list);
    }
  }

  /** Every match, at most one per phrase start, in order of position. */
  find(stems: readonly string[]): ReadonlyArray<PhraseMatch<T>> {
    let matches: Array<PhraseMatch<T>> | null = null;
    for (let i = 0; i < stems.length; i++) {
      const candidates = this.byFirstStem.get(stems[i]);
      if (!candidates) continue;
      for (const entry of candidates) {
        const end = this.matchFrom(stems, i, entry.stems);
        if (end > 0) (matches ??= []).push({ tag: entry.tag, phrase: entry.phrase, start: i, end });
      }
    }
    // Most words match no phrase: they share one empty answer.
    return matches ?? NO_MATCHES;
  }

  private matchFrom(stems: readonly string[], start: number, phrase: readonly string[]): number {
    let at = start;
    for (let k = 1; k < phrase.length; k++) {
      let next = -1;
      for (let j = at + 1; j < stems.length && j <= at + 1 + this.maxGap; j++) {
        if (stems[j] === phrase[k]) {
          next = j;
          break;
        }
      }
      if (next < 0) return 0;
      at = next;
    }
    return at + 1;
  }
}
