// Whole calls through an example flow, judged the way Baton's held-out evaluation judges them: a case is one to four
// caller turns sent to the flow, and it is right when the first handoff's category is the one expected (or there is
// no handoff when none is expected). Calm turns before the one that matters test that the flow does not hand over a
// calm caller on the way (an "AI limit" handoff counts as wrong too).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compileFlow, type ConversationTest, type HandoffCategory } from '@baton/shared';
import { CONVERSATION_START, runConversation } from '../../conversations/runConversation.ts';
import { prepareFlow } from '../../engine/RuntimeFlow.ts';
import type { Nlu } from '../../nlu/Nlu.ts';
import type { HandoffModel } from './HandoffModel.ts';
import { useSignalModel } from './signalModel.ts';
import type { Example } from './train.ts';

export const EVAL_FLOW = path.resolve(import.meta.dirname, '../../../../flows/billing-support.json');

export type Expected = HandoffCategory | 'safety' | 'none';

/** What the first handoff of a call ending with this turn should be: the most informative class the turn holds. */
export function expectedOf(ex: Example): Expected {
  if (ex.topic === 'safety') return 'safety';
  if (ex.person) return 'explicit_request';
  if (ex.topic !== null) return 'complex_or_sensitive';
  if (ex.frustration) return 'frustration';
  return 'none';
}

const isCalm = (ex: Example) => expectedOf(ex) === 'none';

export interface CallTally {
  cases: number;
  right: number;
  calm: number;
  calmHandedOver: number;
  safety: number;
  safetyMissed: number;
  /** Expected class → cases, right. */
  byExpected: Record<string, { cases: number; right: number }>;
  /** How calm callers were handed over: "ai_limit/no_match" → count. */
  calmWhy: Record<string, number>;
  wrong: string[];
}

export const emptyTally = (): CallTally => ({ cases: 0, right: 0, calm: 0, calmHandedOver: 0, safety: 0, safetyMissed: 0, byExpected: {}, calmWhy: {}, wrong: [] });

export function addTally(into: CallTally, t: CallTally): void {
  for (const k of ['cases', 'right', 'calm', 'calmHandedOver', 'safety', 'safetyMissed'] as const) into[k] += t[k];
  for (const [k, v] of Object.entries(t.byExpected)) {
    const e = (into.byExpected[k] ??= { cases: 0, right: 0 });
    e.cases += v.cases;
    e.right += v.right;
  }
  for (const [k, v] of Object.entries(t.calmWhy)) into.calmWhy[k] = (into.calmWhy[k] ?? 0) + v;
  into.wrong.push(...t.wrong);
}

/** A small deterministic generator, so that the same corpus always makes the same calls. */
function generator(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Each turn of `examples` is judged twice: alone, as a call of one turn, and as the last of a call of two to four
 * turns whose earlier turns are calm turns of the same examples. The model reads every turn; the flow decides.
 */
export function judgeCalls(model: HandoffModel, examples: readonly Example[], nlu: Nlu, flowFile = EVAL_FLOW, seed = 20261205): CallTally {
  useSignalModel(model);
  const { compiled } = compileFlow(JSON.parse(readFileSync(flowFile, 'utf8')));
  if (!compiled) throw new Error(`${flowFile} does not compile`);
  const flow = prepareFlow(compiled, 'draft', nlu);
  const calm = examples.filter(isCalm);
  const random = generator(seed);
  const tally = emptyTally();
  for (const ex of examples) {
    const before = Math.floor(random() * 4);
    const lead = Array.from({ length: calm.length > 0 ? before : 0 }, () => calm[Math.floor(random() * calm.length)]).filter((c) => c !== ex);
    for (const turns of [[ex], [...lead, ex]]) {
      if (turns.length > 1 && lead.length === 0) continue;
      const test = { name: 'case', turns: turns.map((t) => ({ text: t.text })), expect: {} } as unknown as ConversationTest;
      const { handoff } = runConversation(flow, test).session;
      const reason = handoff?.reason;
      const expected = expectedOf(ex);
      const got: Expected = !reason ? 'none' : reason.signal === 'safety' ? 'safety' : reason.category;
      // A safety turn handed over as sensitive still reaches the sensitive-matters queue, but is not right here.
      const right = got === expected;
      tally.cases++;
      if (right) tally.right++;
      const e = (tally.byExpected[expected] ??= { cases: 0, right: 0 });
      e.cases++;
      if (right) e.right++;
      if (expected === 'none') {
        tally.calm++;
        if (reason) {
          tally.calmHandedOver++;
          const why = `${reason.category}/${reason.signal}`;
          tally.calmWhy[why] = (tally.calmWhy[why] ?? 0) + 1;
        }
      }
      if (expected === 'safety') {
        tally.safety++;
        if (got !== 'safety') tally.safetyMissed++;
      }
      // Conversation tests space turns 5 s apart: the handoff's time says which turn it came on.
      const on = handoff ? turns[Math.round((Date.parse(handoff.at) - CONVERSATION_START) / 5000) - 1] : undefined;
      if (!right) tally.wrong.push(`${expected} → ${got}${reason ? ` (${reason.signal}${on && on !== ex ? ` on ${JSON.stringify(on.text)}` : ''})` : ''}: ${turns.map((t) => JSON.stringify(t.text)).join(' | ')}`);
    }
  }
  return tally;
}

/** "12.3%": n of d. */
export const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;

export function printCalls(title: string, t: CallTally): void {
  console.log(`\n${title}`);
  console.log(`  cases right: ${t.right} of ${t.cases} (${pct(t.right, t.cases)})`);
  for (const [k, v] of Object.entries(t.byExpected).sort()) console.log(`    expected ${k.padEnd(22)} ${pct(v.right, v.cases).padStart(6)} right of ${v.cases}`);
  const why = Object.entries(t.calmWhy).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`  calm cases handed over: ${t.calmHandedOver} of ${t.calm} (${pct(t.calmHandedOver, t.calm)})${why ? ` — ${why}` : ''}`);
  console.log(`  safety cases not handed over as safety: ${t.safetyMissed} of ${t.safety}`);
}
