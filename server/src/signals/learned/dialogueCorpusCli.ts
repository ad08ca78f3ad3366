// `npm run build:dialogue-corpus -- <sgd-dir> <taskmaster-dir> <hwu-dir>`: writes the three corpus sources taken from
// public task-oriented dialogue datasets, every turn labelled calm (no request for a person, no sensitive matter, no
// frustration): people booking, ordering and asking for things in their own words ("Could I please order a cortado?",
// "No, not right now.", "a table for one person"), which the team-written sources have too little of. Run once, when
// the sources should change; then train again (npm run train:signals).
//   <sgd-dir>: a clone of github.com/google-research-datasets/dstc8-schema-guided-dialogue (CC BY-SA 4.0), whose
//     train/, dev/ and test/ hold dialogues_NNN.json.
//   <taskmaster-dir>: a clone of github.com/google-research-datasets/Taskmaster (CC BY 4.0), whose TM-3-2020/reward/
//     (movie tickets) and TM-4-2024/data/ (coffee orders) are read.
//   <hwu-dir>: a clone of github.com/xliuhw/NLU-Evaluation-Data (CC BY 4.0; "HWU64", commands and questions to a home
//     assistant), whose CrossValidation/…/KFold_N/testset/csv/*.csv together hold every utterance once. The intents
//     that may be more than calm are left out whole: social posts (complaints to companies), "quirky" remarks, "stop"
//     commands ("shut up") and telling the assistant it is wrong (some in anger: "goddammit.").
// Only the customers' turns are taken; a turn holding a word that could make it more than calm (a person, an
// emergency, a complaint...) is left out rather than labelled by guess. Deterministic: within each service the turns
// whose text hashes lowest are taken.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CORPUS_DIR } from './corpus.ts';

const [sgdDir, taskmasterDir, hwuDir] = process.argv.slice(2);
if (!sgdDir || !taskmasterDir || !hwuDir) {
  console.error('Usage: npm run build:dialogue-corpus -- path/to/dstc8-schema-guided-dialogue path/to/Taskmaster path/to/NLU-Evaluation-Data');
  process.exit(2);
}

/** Words that could make a turn a request for a person, a sensitive matter, a danger or a complaint: such turns are left out. */
const NOT_SURELY_CALM =
  /\b(human|someone|somebody|representative|operator|agent|manager|supervisor|staff|complain\w*|angry|annoy\w*|frustrat\w*|ridiculous|useless|stupid|terrible|awful|worst|hate|emergency|die|died|dead|death|kill\w*|hurt\w*|stolen|steal|fraud|scam|lawyer|sue|police|hospital|sick|ill|pain|debt|afford|broke)\b/i;
const TURNS_PER_SGD_SERVICE = 90;
const TURNS_PER_TASKMASTER_SET = 450;
const TURNS_PER_HWU_INTENT = 25;
const HWU_LEFT_OUT = new Set(['social_post', 'general_quirky', 'general_commandstop', 'general_negate']);

// Salted: eval:signals holds out the turns whose plain hash is lowest, and the turns taken here must not all be those.
const hash = (text: string) => createHash('sha256').update(`dialogue-corpus ${text}`).digest('hex');
const fit = (text: string) => text.length >= 2 && text.length <= 300 && !NOT_SURELY_CALM.test(text);

/** The `n` texts of each group whose hashes are lowest, groups in name order. */
function pick(groups: Map<string, Set<string>>, n: number): string[] {
  return [...groups.keys()].sort().flatMap((group) => [...groups.get(group)!].sort((a, b) => (hash(a) < hash(b) ? -1 : 1)).slice(0, n));
}

function add(groups: Map<string, Set<string>>, group: string, text: string) {
  const t = text.replace(/\s+/g, ' ').trim();
  if (fit(t)) (groups.get(group) ?? groups.set(group, new Set()).get(group)!).add(t);
}

const jsonFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(dir, f));

// Schema-Guided Dialogue: one group per service ("Banks", "Flights", "RentalCars"...), over all its splits.
const sgd = new Map<string, Set<string>>();
for (const split of ['train', 'dev', 'test']) {
  for (const file of jsonFiles(path.join(sgdDir, split)).filter((f) => path.basename(f).startsWith('dialogues_'))) {
    const dialogues = JSON.parse(readFileSync(file, 'utf8')) as Array<{ services: string[]; turns: Array<{ speaker: string; utterance: string; frames: Array<{ service: string }> }> }>;
    for (const d of dialogues)
      for (const turn of d.turns) if (turn.speaker === 'USER') add(sgd, (turn.frames[0]?.service ?? d.services[0]).replace(/_\d+$/, ''), turn.utterance);
  }
}

// Taskmaster: movie tickets (TM-3, the customer's turns of the reward examples' conversations) and coffee orders (TM-4).
const taskmaster = new Map<string, Set<string>>();
for (const file of jsonFiles(path.join(taskmasterDir, 'TM-3-2020/reward'))) {
  for (const example of JSON.parse(readFileSync(file, 'utf8')) as Array<{ context: string }>)
    for (const turn of JSON.parse(example.context) as Array<{ role: string; text?: string }>) if (turn.role === 'user' && turn.text) add(taskmaster, 'movie-tickets', turn.text);
}
for (const file of jsonFiles(path.join(taskmasterDir, 'TM-4-2024/data'))) {
  for (const d of JSON.parse(readFileSync(file, 'utf8')) as Array<{ utterances: Array<{ speaker: string; text: string }> }>)
    for (const u of d.utterances) if (u.speaker === 'user') add(taskmaster, 'coffee-orders', u.text);
}

// HWU64: one group per intent; the user's own words (the CSV's last column), without the assistant's wake word.
const hwu = new Map<string, Set<string>>();
const WAKE_WORD = /^\s*((hey|ok|okay)[\s,]+)?(alexa|olly|pda|google|siri)\b[\s,.!:]*/i;
const WAKE_WORD_AFTER = /,?\s*(alexa|olly|pda|google|siri)(?=[.!?]?\s*$)/i;
const csvFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? csvFiles(path.join(dir, e.name)) : e.name.endsWith('.csv') && dir.includes(`testset${path.sep}csv`) ? [path.join(dir, e.name)] : []));
for (const file of csvFiles(hwuDir).sort()) {
  for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
    // answerid;scenario;intent;answer_annotation;answer_from_anno;answer_from_user — the user's words are quoted last.
    const m = /^\d+;(\w+);(\w+);.*;"([^"]*)"\s*$/.exec(line);
    if (!m || HWU_LEFT_OUT.has(`${m[1]}_${m[2]}`)) continue;
    add(hwu, `${m[1]}_${m[2]}`, m[3].replace(WAKE_WORD, '').replace(WAKE_WORD_AFTER, ''));
  }
}

const calm = (text: string) => JSON.stringify({ text, person: false, topic: null, frustration: false });
for (const [name, groups, n] of [
  ['public-sgd-requests', sgd, TURNS_PER_SGD_SERVICE],
  ['public-taskmaster-orders', taskmaster, TURNS_PER_TASKMASTER_SET],
  ['public-hwu-assistant', hwu, TURNS_PER_HWU_INTENT],
] as const) {
  const texts = pick(groups, n);
  writeFileSync(path.join(CORPUS_DIR, `${name}.jsonl`), `${texts.map(calm).join('\n')}\n`);
  console.log(`${name}.jsonl: ${texts.length} turns from ${groups.size} groups (${[...groups.keys()].sort().join(', ')})`);
}
