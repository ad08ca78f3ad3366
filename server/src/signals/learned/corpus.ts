import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { TOPICS, type LearnedTopic } from './HandoffModel.ts';
import type { Example } from './train.ts';

/** The labelled corpus: one JSON Lines file per source (see its README for each source's origin and licence). */
export const CORPUS_DIR = path.resolve(import.meta.dirname, '../corpus');

/** Where the trained model lives; the server loads it at start. */
export const MODEL_FILE = path.resolve(import.meta.dirname, '../model/handoff-signals.model');

const KEYS = ['text', 'person', 'topic', 'frustration'].sort().join();

/** Every example of every source, in file order; a line that is not a whole, valid example stops with where it is. */
export function readCorpus(dir = CORPUS_DIR): Example[] {
  const examples: Example[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    const source = file.replace(/\.jsonl$/, '');
    readFileSync(path.join(dir, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!line.trim()) return;
        const where = `${file}:${i + 1}`;
        let row: Record<string, unknown>;
        try {
          row = JSON.parse(line) as Record<string, unknown>;
        } catch {
          throw new Error(`${where}: not valid JSON`);
        }
        if (Object.keys(row).sort().join() !== KEYS) throw new Error(`${where}: expected exactly the keys text, person, topic, frustration`);
        const { text, person, topic, frustration } = row;
        if (typeof text !== 'string' || !text.trim()) throw new Error(`${where}: text must be a non-empty string`);
        if (typeof person !== 'boolean' || typeof frustration !== 'boolean') throw new Error(`${where}: person and frustration must be true or false`);
        if (topic !== null && (typeof topic !== 'string' || topic === 'none' || !(TOPICS as readonly string[]).includes(topic)))
          throw new Error(`${where}: topic must be null or one of ${TOPICS.slice(1).join(', ')}`);
        examples.push({ text, person, frustration, topic: topic as LearnedTopic | null, source });
      });
  }
  return examples;
}
