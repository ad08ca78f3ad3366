import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Groups of words that are used alike ("furious" beside "livid", "solicitor" beside "lawyer"), each word read as its
 * group too, so a turn worded with words the corpus never had still shares features with turns it had. Built once
 * from public word vectors by `npm run build:word-groups` (see wordGroupsCli.ts) and committed beside the model.
 */
export const WORD_GROUPS_FILE = path.resolve(import.meta.dirname, '../model/word-groups.txt');

export interface WordGroups {
  /** A word's group, by its lower-case spelling. */
  groupOf: ReadonlyMap<string, number>;
  /** Of the file, so a model trained on other groups is refused. */
  sha256: string;
}

let loaded: WordGroups | undefined;

/**
 * Reads the groups file: lines starting with "#" say where it came from; every other line is one group, its words
 * separated by spaces (the line's number among them is the group's number).
 */
export function loadWordGroups(file = WORD_GROUPS_FILE): WordGroups {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const shown = path.relative(process.cwd(), file) || file;
    throw new Error(`The word groups ${shown} cannot be read (${(error as Error).message}); they come with Baton's source (npm run build:word-groups makes them again).`);
  }
  const groupOf = new Map<string, number>();
  let group = 0;
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    for (const word of line.split(' ')) groupOf.set(word, group);
    group++;
  }
  loaded = { groupOf, sha256: createHash('sha256').update(text).digest('hex') };
  return loaded;
}

/** The groups the features read (loaded on first use). */
export function wordGroups(): WordGroups {
  return loaded ?? loadWordGroups();
}
