import type { SlotValue, TranscriptEntry } from '@baton/shared';

/** Words of a slot's name that say nothing on their own. */
const FILLER = new Set(['the', 'and', 'for', 'your', 'of', 'to', 'a', 'id', 'no']);

/** Said the way agents type: lower case, letters and digits, a plural's s dropped. */
function wordsOf(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean)
      .map((w) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w)),
  );
}

/** A line that asks something: a question mark, or the way typed questions start. */
const ASKS = /\?\s*$|^\s*(what|which|can|could|may|would|please (tell|give|confirm)|tell me|give me|confirm)\b/i;

/**
 * "Had to repeat", found in what the agent typed: the slots the AI had already collected that the agent asked the
 * caller for again — a question of the agent's that names every word of the slot's name ("what's your account
 * number?" after `account_number` was collected). A word list, not a model: agents type short, plain questions, and
 * a slot's name is the only name of the detail that both sides share. Returns the slot names, each once.
 */
export function askedAgain(transcript: readonly TranscriptEntry[], slots: Readonly<Record<string, SlotValue>>): string[] {
  const collected = Object.entries(slots)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([name]) => ({ name, words: [...wordsOf(name.replace(/_/g, ' '))].filter((w) => !FILLER.has(w)) }))
    .filter((slot) => slot.words.length > 0);
  if (collected.length === 0) return [];
  const found = new Set<string>();
  for (const line of transcript) {
    if (line.from !== 'agent' || !ASKS.test(line.text)) continue;
    const words = wordsOf(line.text);
    for (const slot of collected) if (slot.words.every((w) => words.has(w))) found.add(slot.name);
  }
  return [...found];
}
