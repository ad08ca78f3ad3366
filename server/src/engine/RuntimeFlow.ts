import { nodeKinds, renderTemplate, sensitiveMattersTrigger, type CompiledFlow, type Detector, type EntityType, type IntentDefinition, type ParsedNode, type ParsedTemplate, type TriggerData } from '@baton/shared';
import type { EntityValue, IntentClassifier, Nlu } from '../nlu/Nlu.ts';
import { sensitiveKeywordsOf, type SensitiveKeyword } from '../signals/index.ts';
import { answersQuestion, keysAnswerQuestion, type AskedFor } from './answersQuestion.ts';
import { detectorCheck, type DetectorCheck } from './detectors.ts';
import type { Executor } from './executors/Executor.ts';
import { executors } from './executors/executors.ts';
import { WordsMemo } from './understandTurn.ts';

const TELLING: Record<Detector['signal'], number> = {
  explicit_request: 0,
  sensitive_topic: 1,
  out_of_scope: 2,
  raised_voice: 3,
  repeated_question: 4,
  negative_sentiment: 5,
  no_match: 6,
  low_asr_confidence: 7,
  turn_limit: 8,
};

/** A trigger as each turn checks it: its settings, its rule, and the steps it watches (null: everywhere). */
export interface RuntimeTrigger {
  node: ParsedNode;
  data: TriggerData;
  /** Its detectors, in order, each made into its check. */
  checks: DetectorCheck[];
  rule: RuleEvaluator | undefined;
  scope: ReadonlySet<string> | null;
}

/** A node as a call steps through it, with everything a turn there needs found once: nothing is looked up by id on a turn. */
export interface RuntimeStep {
  node: ParsedNode;
  executor: Executor;
  /** Where each of its ports leads. */
  next: Map<string, RuntimeStep>;
  /** Its messages by field ("prompt", "intents.0.reply", …). */
  messages: Map<string, RuntimeMessage>;
  /** An AI node's trained intent model and the confidence it needs; null elsewhere. */
  classifier: IntentClassifier | null;
  confidenceThreshold: number;
  /** The entities a caller's words are read for here (an AI node's, or an answer's type); often none. */
  entityTypes: readonly EntityType[];
  /** Whether those include dates, which are read relative to when they were said ("tomorrow"). */
  readsDates: boolean;
  /** An AI node's intents flagged out of scope (empty elsewhere). */
  outOfScope: ReadonlySet<string>;
  /** A branch's condition rules, in order (a rule that did not compile is undefined). */
  conditionRules: Array<RuleEvaluator | undefined>;
  /**
   * Whether the caller's words (with what was read of them) or keys (`heard` null) are only the answer to the node's
   * own question (a survey's score, the date an "Ask for a detail" step asked for): the flow's triggers do not act on
   * them; safety still does.
   */
  isAnswer: ((input: string, heard: Heard | null) => boolean) | null;
}

/** A message ready to say: its plain text when it has no variables, else its template and the groups of variables it reads ("slots", "queue", …). */
export type RuntimeMessage = { text: string } | { template: ParsedTemplate; uses: ReadonlySet<string> };

/** A compiled flow with its AI nodes' intent models trained, and what every turn looks up found once: what `step` runs. */
export interface RuntimeFlow {
  compiled: CompiledFlow;
  version: number | 'draft';
  nlu: Nlu;
  /** Every node by id, linked to the nodes its ports lead to. */
  steps: Map<string, RuntimeStep>;
  /** Highest priority first, as the compiler ordered them. */
  triggers: RuntimeTrigger[];
  /** Where a caller in danger is handed over, whatever the triggers watch (the linter requires one). */
  safetyTrigger: RuntimeTrigger | null;
  /** The flow's own sensitive keywords, analysed. */
  sensitiveKeywords: SensitiveKeyword[];
  /** Words already read at each step, when callers repeat themselves enough to make it worth it (simulations); else null. */
  words: WordsMemo | null;
}

type RuleEvaluator = NonNullable<ReturnType<CompiledFlow['rules']['get']>>;

const NONE: ReadonlySet<string> = new Set();

/**
 * Trains (or takes from the NLU's cache) the intent model of every AI node. `rememberWords` keeps what each distinct
 * sentence said at each step (see WordsMemo): for simulated callers, whose words come from a fixed vocabulary.
 */
export function prepareFlow(compiled: CompiledFlow, version: number | 'draft', nlu: Nlu, { rememberWords = false } = {}): RuntimeFlow {
  const steps = new Map<string, RuntimeStep>();
  for (const node of compiled.nodes.values()) {
    const entityTypes = entityTypesAt(node);
    const intents = node.kind === 'ai' ? (node.data.intents as IntentDefinition[]) : null;
    steps.set(node.id, {
      node,
      executor: executors[node.kind],
      next: new Map(),
      messages: new Map(),
      classifier: intents && nlu.train(intents),
      confidenceThreshold: (node.data.confidenceThreshold as number | undefined) ?? compiled.flow.settings.confidenceThreshold,
      entityTypes,
      readsDates: entityTypes.includes('date'),
      outOfScope: intents ? new Set(intents.filter((i) => i.outOfScope).map((i) => i.name)) : NONE,
      conditionRules: node.kind === 'branch' ? (node.data.conditions as unknown[]).map((_, i) => compiled.rules.get(`${node.id}/conditions.${i}.rule`)) : [],
      isAnswer: answerCheck(node),
    });
  }
  // Keys are "<nodeId>/<field>"; node ids never hold a "/".
  for (const [key, template] of compiled.templates) {
    const slash = key.indexOf('/');
    const uses = new Set(template.parts.flatMap((part) => ('keys' in part ? [part.keys[0]] : [])));
    // A message without variables is rendered once, here, exactly as it would be on every turn.
    steps.get(key.slice(0, slash))?.messages.set(key.slice(slash + 1), uses.size === 0 ? { text: renderTemplate(template, {}) } : { template, uses });
  }
  for (const [source, ports] of compiled.next) {
    const step = steps.get(source);
    for (const [port, target] of ports) if (step && steps.has(target)) step.next.set(port, steps.get(target)!);
  }
  const triggers = compiled.triggers.map((node): RuntimeTrigger => {
    const data = node.data as TriggerData;
    // The first detector that holds names the reason, so the most telling come first: what the caller did (asked, raised
    // their voice, repeated themselves) before how their words read.
    const checks = [...data.detectors].sort((a, b) => TELLING[a.signal] - TELLING[b.signal]).map((detector) => detectorCheck(detector, compiled.flow.settings));
    return { node, data, checks, rule: compiled.rules.get(`${node.id}/rule`), scope: data.scope.mode === 'everywhere' ? null : new Set(data.scope.nodeIds) };
  });
  const sensitiveKeywords = sensitiveKeywordsOf(compiled.flow.settings.sensitiveKeywords);
  return { compiled, version, nlu, steps, triggers, safetyTrigger: sensitiveMattersTrigger(triggers), sensitiveKeywords, words: rememberWords ? new WordsMemo() : null };
}

/** The entity an answer of each type is read for. */
const ASK_ENTITY = new Map<string, EntityType>([['number', 'number'], ['amount', 'amount'], ['date', 'date'], ['email', 'email'], ['phone', 'phone']]);
const NO_ENTITIES: readonly EntityType[] = [];

/** What was read of a caller's words: enough to tell an answer from a turn that says more. */
export interface Heard {
  entities: readonly EntityValue[];
  tokens: readonly string[];
}

function answerCheck(node: ParsedNode): RuntimeStep['isAnswer'] {
  if (node.kind === 'ask') {
    const asked = node.data as unknown as AskedFor;
    return (input, heard) => (heard ? answersQuestion(asked, input, heard.entities, heard.tokens) : keysAnswerQuestion(asked, input));
  }
  const ofKind = (nodeKinds[node.kind] as { isAnswer?(input: string): boolean }).isAnswer;
  return ofKind ? (input) => ofKind(input) : null;
}

function entityTypesAt(node: ParsedNode): readonly EntityType[] {
  if (node.kind === 'ai') return node.data.entities as EntityType[];
  const answer = node.kind === 'ask' ? ASK_ENTITY.get(node.data.valueType as string) : undefined;
  return answer ? [answer] : NO_ENTITIES;
}
