import type { CallerGoal, ParsedNode, Persona } from '@baton/shared';
import type { CallSession } from '../engine/CallSession.ts';
import type { RuntimeFlow } from '../engine/RuntimeFlow.ts';
import type { SeededRandom } from './SeededRandom.ts';

/** What the caller does next: say something (at a loudness), or hang up. */
export type CallerTurn = { text: string; loudnessDb: number } | { hangUp: true };

const CLOSINGS = ['no thanks', "no, that's all", 'no thank you'];
const UNSURE = "um, I'm not sure";
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['next Monday', 'next Tuesday', 'this Friday', 'tomorrow', 'next Wednesday'];

/** Every intent the flow's AI nodes recognise. */
export function flowIntents(flow: RuntimeFlow): Set<string> {
  const names = new Set<string>();
  for (const node of flow.compiled.nodes.values()) {
    if (node.kind === 'ai') for (const intent of node.data.intents as Array<{ name: string }>) names.add(intent.name);
  }
  return names;
}

/**
 * A persona playing one call, driven by its own seeded random draws. It listens to where the flow
 * is waiting: says what it wants at an AI node, answers questions with plausible values, rephrases
 * (or repeats itself) when not understood, gets louder and crosser with each failed turn, asks for
 * a person by chance, and hangs up once its patience is spent. Its escalating words ("Sorry, let me
 * put it another way.") open only a rephrasing of what the AI did not understand: an answer to a
 * question, or a turn after one that was understood, is said as it is (a prefix said on every turn
 * would read as the caller repeating themselves).
 */
export class SimulatedCaller {
  readonly goal: CallerGoal | null;
  turns = 0;
  failedTurns = 0;
  private rephrased = 0;
  private readonly said = new Set<string>();
  private lastWords = '';
  private lastNodeId = '';
  /** The AI did not understand the last turn, or asked its question again. */
  private lastFailed = false;

  constructor(
    readonly persona: Persona,
    private readonly random: SeededRandom,
    known: ReadonlySet<string>,
  ) {
    const fitting = persona.wants.filter((w) => known.has(w.intent));
    // A caller whose needs the flow does not cover still calls, and speaks off-script.
    this.goal = fitting.length > 0 ? random.pick(fitting) : null;
  }

  /** The caller's next turn at the node the call waits at. */
  next(flow: RuntimeFlow, session: CallSession): CallerTurn {
    const p = this.persona;
    if (this.failedTurns >= p.patienceTurns) return { hangUp: true };
    const node = flow.compiled.nodes.get(session.nodeId)!;
    const first = this.turns === 0;
    let words: string;
    // A survey's score: a caller who got nowhere scores the call lower.
    if (node.kind === 'survey') words = String(Math.max(1, Math.min(5, 5 - this.failedTurns - (this.random.chance(0.3) ? 1 : 0))));
    else if ((first && p.asksAtOnce) || this.random.chance(p.asksForPersonProbability)) words = this.random.pick(p.personPhrases);
    else if (node.kind === 'ask') words = this.random.chance(p.unsureProbability) ? this.aside() : answerFor(node, this.random, this.goal);
    else if (node.kind === 'ai') words = this.atAiNode(node, first);
    else words = this.aside();
    const rephrasing = this.lastFailed && node.kind === 'ai' && node.id === this.lastNodeId;
    const escalation = rephrasing && p.escalation.length > 0 ? p.escalation[Math.min(this.failedTurns, p.escalation.length) - 1] : '';
    const text = escalation ? `${escalation} ${words}` : words;
    this.turns += 1;
    this.lastWords = words;
    this.lastNodeId = node.id;
    const jitter = this.random.float() * 2 - 1;
    return { text, loudnessDb: Math.round((p.loudness.baseDb + this.failedTurns * p.loudness.perFailedTurnDb + jitter) * 10) / 10 };
  }

  /**
   * After the engine's answer: a turn failed when the flow asks the same question again, or its AI step did not
   * understand. An AI step the call comes back to after understanding ("anything else?") is not a failure.
   */
  heard(session: CallSession, flow: RuntimeFlow): void {
    const again = session.status === 'ai' && session.nodeId === this.lastNodeId;
    const atAi = flow.compiled.nodes.get(session.nodeId)?.kind === 'ai';
    this.lastFailed = again && (!atAi || session.noMatchStreak > 0);
    if (this.lastFailed) this.failedTurns += 1;
  }

  private atAiNode(node: ParsedNode, first: boolean): string {
    const intents = node.data.intents as Array<{ name: string }>;
    const askingForGoal = this.goal ? intents.some((i) => i.name === this.goal!.intent) : this.turns === 0 || this.lastNodeId === node.id;
    // An AI node that does not know what the caller came for is a follow-up ("anything else?"), or an offer of a
    // person after the AI could not help, which a caller who got nowhere takes.
    if (!askingForGoal) return this.failedTurns > 0 && intents.some((i) => i.name === 'yes') ? 'yes please' : this.random.pick(CLOSINGS);
    const utterances = this.goal?.utterances ?? this.persona.wants[0].utterances;
    let words: string;
    if (this.lastNodeId !== node.id || this.lastWords === '') words = this.random.pick(utterances);
    else words = this.rephrasing(utterances);
    this.said.add(words);
    if (first && this.persona.sensitiveTopic) words = `${this.persona.sensitiveTopic.phrase}. ${words}`;
    return words;
  }

  /** Not understood: another way they put what they want, then their own rephrasings, then the same words again. A caller without rephrasings only repeats. */
  private rephrasing(utterances: readonly string[]): string {
    const own = this.persona.rephrasings;
    if (own.length === 0) return this.lastWords;
    const untried = utterances.find((u) => !this.said.has(u));
    if (untried) return untried;
    return this.rephrased < own.length ? own[this.rephrased++] : this.lastWords;
  }

  private aside(): string {
    return this.persona.offScript.length > 0 ? this.random.pick(this.persona.offScript) : UNSURE;
  }
}

/** A plausible answer to a question, by the kind of value it asks for. */
export function answerFor(node: ParsedNode, random: SeededRandom, goal: CallerGoal | null): string {
  const slot = String(node.data.slot).toLowerCase();
  switch (node.data.valueType) {
    case 'pattern':
      return String(node.data.pattern).replace(/[#A*]/g, (m) => (m === 'A' ? String.fromCharCode(65 + random.int(0, 25)) : String(random.int(0, 9))));
    case 'number':
      return slot.includes('month') ? `${random.int(2, 12)} months` : String(random.int(1, 100));
    case 'amount':
      return `${random.pick([15, 25, 40, 60, 85, 120, 180, 250])} dollars`;
    case 'date':
      return slot.includes('birth') ? `${random.int(1, 28)} ${random.pick(MONTHS)} ${random.int(1940, 2002)}` : random.pick(DAYS);
    case 'phone':
      return `415 555 ${String(random.int(0, 9999)).padStart(4, '0')}`;
    case 'email':
      return `caller${random.int(1, 999)}@example.com`;
    case 'yes_no':
      return random.chance(0.5) ? 'yes' : 'no';
    default:
      return goal?.utterances[0] ?? 'I would rather explain to a person';
  }
}

/** Picks a persona by weight. */
export function pickPersona(personas: readonly Persona[], random: SeededRandom): Persona {
  const total = personas.reduce((sum, p) => sum + p.weight, 0);
  if (total <= 0) return random.pick(personas);
  let x = random.float() * total;
  for (const p of personas) {
    x -= p.weight;
    if (x < 0) return p;
  }
  return personas[personas.length - 1];
}
