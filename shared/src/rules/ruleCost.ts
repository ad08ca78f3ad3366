import type { ASTNode } from '@marcbachmann/cel-js';
import { sensitiveTopics } from '../nodes/trigger.ts';
import type { RuleVariable } from './ruleEnvironment.ts';

/**
 * The most a value can hold: characters of a string, items of a list, entries of a map. `item` is what a list holds
 * or a map's values, `key` a map's keys; neither means a plain value (a number, a yes/no).
 */
export interface ValueBound {
  size: number;
  item?: ValueBound;
  key?: ValueBound;
}

/** The longest turn the API, the phone line and the test console accept, in characters (server and client use it). */
export const MAX_TURN_TEXT = 2000;
/** The most attributes a caller may bring into a call, and how long each may be. */
export const MAX_CALLER_ATTRIBUTES = 50;
export const MAX_CALLER_ATTRIBUTE_LENGTH = 500;
/** Slot names a call can fill: no flow a person builds asks for more, and the estimate needs a bound. */
const MAX_SLOTS = 200;

const PLAIN: ValueBound = { size: 1 };
const name: ValueBound = { size: 80 };
// Lower-casing can lengthen a few letters (İ becomes i̇), so a turn's text may be up to twice its typed length.
const turnText: ValueBound = { size: 2 * MAX_TURN_TEXT };

/** What each variable a rule reads can hold at most on a turn: the worst case a rule's cost is estimated against. */
export const ruleValueBounds: Record<RuleVariable, ValueBound> = {
  sentiment: PLAIN, averageSentiment: PLAIN, repeats: PLAIN, noMatchStreak: PLAIN, loudnessDeltaDb: PLAIN, asrConfidence: PLAIN,
  turns: PLAIN, intentConfidence: PLAIN, explicitRequest: PLAIN, hour: PLAIN, dayOfWeek: PLAIN,
  text: turnText,
  intent: name,
  topics: { size: sensitiveTopics.length, item: name },
  slots: { size: MAX_SLOTS, key: name, item: turnText },
  caller: { size: MAX_CALLER_ATTRIBUTES + 2, key: name, item: { size: MAX_CALLER_ATTRIBUTE_LENGTH } },
  queue: { size: 3, key: name, item: PLAIN },
  transfer: { size: 1, key: name, item: name },
};

/**
 * The most work a rule may take on one caller turn, in steps. A step is about 0.1 µs of cel-js: one part of the rule
 * worked out once, one list item gone through or made, or 8 characters handled; going through a map costs 8 steps a
 * key. ruleCost.test.ts runs the costliest rules the budget allows: each takes about a millisecond at most.
 */
export const RULE_COST_BUDGET = 10_000;
/** Every rule of a flow together: all triggers are checked on every turn. */
export const FLOW_RULES_COST_BUDGET = 3 * RULE_COST_BUDGET;
const CHARACTERS_PER_STEP = 8;
const STEPS_PER_MAP_KEY = 8;

interface Estimate {
  cost: number;
  bound: ValueBound;
  /** Set on a part that goes through a list, or works through text, in plain words. */
  why?: string;
}

export interface RuleCost {
  cost: number;
  /** The smallest part of the rule that alone is over the budget, and why, when the rule is over it. */
  tooCostly?: { part: string; why: string };
}

const QUANTIFIERS = new Set(['all', 'exists', 'exists_one']);
const TEXT_FUNCTIONS = new Set(['contains', 'startsWith', 'endsWith', 'indexOf', 'lastIndexOf', 'lowerAscii', 'upperAscii', 'trim', 'substring', 'string', 'bytes']);

/** Estimates the worst-case work of a parsed rule from its syntax, against `ruleValueBounds`; never runs it. */
export function estimateRuleCost(ast: ASTNode, budget = RULE_COST_BUDGET): RuleCost {
  const estimates = new Map<ASTNode, Estimate>();
  const total = estimate(ast, new Map(), estimates);
  if (total.cost <= budget) return { cost: Math.ceil(total.cost) };
  // The smallest part over the budget: what the person has to change.
  let culprit: ASTNode = ast;
  let culpritSize = Infinity;
  for (const [node, e] of estimates) {
    const length = node.end - node.start;
    if (e.cost > budget && length < culpritSize) {
      culprit = node;
      culpritSize = length;
    }
  }
  const e = estimates.get(culprit)!;
  return { cost: Math.ceil(total.cost), tooCostly: { part: quote(culprit, 60), why: e.why ?? `it would take about ${steps(e.cost)} steps` } };
}

/** A part of the rule as written, with long lists shortened ("[0,1,2,…]") so the message stays readable. */
function quote(node: ASTNode, max: number): string {
  const text = node.input.slice(node.start, node.end).replace(/\[[^[\]]{12,}\]/g, (list) => `${list.slice(0, 7)}…]`);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const steps = (n: number) => (n >= 1e12 ? 'more than a million million' : Math.round(n).toLocaleString('en-US'));

function estimate(node: ASTNode, scope: Map<string, ValueBound>, seen: Map<ASTNode, Estimate>): Estimate {
  const e = estimateNode(node, scope, seen);
  seen.set(node, e);
  return e;
}

function estimateNode(node: ASTNode, scope: Map<string, ValueBound>, seen: Map<ASTNode, Estimate>): Estimate {
  const of = (n: ASTNode, s = scope) => estimate(n, s, seen);
  switch (node.op) {
    case 'value':
      return { cost: 1, bound: typeof node.args === 'string' || node.args instanceof Uint8Array ? { size: node.args.length } : PLAIN };
    case 'id':
      return { cost: 1, bound: scope.get(node.args) ?? (Object.hasOwn(ruleValueBounds, node.args) ? ruleValueBounds[node.args as RuleVariable] : PLAIN) };
    case '.':
    case '.?': {
      const target = of(node.args[0]);
      return { cost: target.cost + 1, bound: target.bound.item ?? PLAIN };
    }
    case '[]':
    case '[?]': {
      const [target, index] = node.args.map((a) => of(a));
      return { cost: target.cost + index.cost + 1, bound: target.bound.item ?? PLAIN };
    }
    case 'list': {
      const items = node.args.map((a) => of(a));
      return { cost: 1 + sum(items), bound: { size: items.length, item: joinAll(items.map((i) => i.bound)) } };
    }
    case 'map': {
      const entries = node.args.map(([k, v]) => [of(k), of(v)] as const);
      return { cost: 1 + sum(entries.flat()), bound: { size: entries.length, key: joinAll(entries.map(([k]) => k.bound)), item: joinAll(entries.map(([, v]) => v.bound)) } };
    }
    case '?:': {
      const [test, yes, no] = node.args.map((a) => of(a));
      return { cost: 1 + test.cost + Math.max(yes.cost, no.cost), bound: join(yes.bound, no.bound) };
    }
    case '||':
    case '&&':
      return { cost: 1 + sum(node.args.map((a) => of(a))), bound: PLAIN };
    case '!_':
    case '-_':
      return { cost: 1 + of(node.args).cost, bound: PLAIN };
    case '+': {
      const [a, b] = node.args.map((x) => of(x));
      const size = a.bound.size + b.bound.size;
      const item = a.bound.item || b.bound.item ? join(a.bound.item ?? PLAIN, b.bound.item ?? PLAIN) : undefined;
      const bound = item ? { size, item } : { size };
      return { cost: 1 + a.cost + b.cost + work(bound), bound, why: `it puts together text or lists of up to ${steps(size)} characters or items` };
    }
    case 'in': {
      // A list is searched item by item; a map's keys are looked up at once.
      const [a, b] = node.args.map((x) => of(x));
      const search = b.bound.key ? work(a.bound) : b.bound.size * (1 + Math.min(work(a.bound), work(b.bound.item)));
      return { cost: 1 + a.cost + b.cost + search, bound: PLAIN };
    }
    case '==':
    case '!=': {
      // Values of different lengths differ at once; otherwise they are compared up to the shorter one's end.
      const [a, b] = node.args.map((x) => of(x));
      return { cost: 1 + a.cost + b.cost + Math.min(work(a.bound), work(b.bound)), bound: PLAIN };
    }
    case '-':
    case '*':
    case '/':
    case '%':
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const [a, b] = node.args.map((x) => of(x));
      return { cost: 1 + a.cost + b.cost + Math.min(work(a.bound), work(b.bound)), bound: PLAIN };
    }
    case 'call':
      return call(node.args[0], null, node.args[1], scope, of);
    case 'rcall':
      return call(node.args[0], node.args[1], node.args[2], scope, of);
    default: {
      // Anything this estimate does not know is costed as the sum of its parts, generously.
      const args: unknown = (node as { args: unknown }).args;
      const parts = (Array.isArray(args) ? args : [args]).filter((a): a is ASTNode => !!a && typeof a === 'object' && 'op' in a).map((a) => of(a));
      const handled = parts.reduce((n, p) => n + work(p.bound), 0);
      return { cost: 1 + sum(parts) + handled, bound: { size: Math.ceil(handled * CHARACTERS_PER_STEP) } };
    }
  }
}

function call(fn: string, receiver: ASTNode | null, args: ASTNode[], scope: Map<string, ValueBound>, of: (n: ASTNode, s?: Map<string, ValueBound>) => Estimate): Estimate {
  if (receiver && isListCheck(fn) && args.length >= 2 && args[0].op === 'id') {
    const list = of(receiver);
    const each = list.bound.key ?? list.bound.item ?? PLAIN;
    const inner = new Map(scope).set(args[0].args as string, each);
    const body = args.slice(1).map((a) => of(a, inner));
    const perItem = (list.bound.key ? STEPS_PER_MAP_KEY : 1) + sum(body);
    const cost = 1 + list.cost + list.bound.size * perItem;
    const nested = args.slice(1).some(goesThroughAList) ? ' (a list check inside another multiplies them)' : '';
    const why = `it goes through "${quote(receiver, 30)}", up to ${steps(list.bound.size)} items, and for each one does about ${steps(perItem)} steps${nested}, about ${steps(cost)} steps in all`;
    const result = fn === 'map' ? { size: list.bound.size, item: body.at(-1)!.bound } : fn === 'filter' ? { size: list.bound.size, item: each } : PLAIN;
    return { cost, bound: result, why };
  }
  if (fn === 'bind' && receiver?.op === 'id' && receiver.args === 'cel' && args.length === 3 && args[0].op === 'id') {
    const value = of(args[1]);
    const body = of(args[2], new Map(scope).set(args[0].args as string, value.bound));
    return { cost: 1 + value.cost + body.cost, bound: body.bound };
  }
  if (fn === 'has') return { cost: 1 + sum(args.map((a) => of(a))), bound: PLAIN };
  const parts = [...(receiver ? [of(receiver)] : []), ...args.map((a) => of(a))];
  const first = parts[0]?.bound ?? PLAIN;
  // Every function here looks at what it is given once (size() counts a text's letters one by one).
  const handled = parts.reduce((n, p) => n + work(p.bound), 0);
  const cost = 1 + sum(parts) + handled;
  const why = `it works through text or lists of up to ${steps(parts.reduce((n, p) => n + p.bound.size, 0))} characters or items`;
  // split() makes up to one item per character.
  if (fn === 'split') return { cost: cost + first.size + 1, bound: { size: first.size + 1, item: { size: first.size } }, why };
  // A list's or map's size is known at once; a text's letters are counted one by one.
  if (fn === 'size') return { cost: 1 + sum(parts) + (first.item || first.key ? 0 : work(first)), bound: PLAIN };
  if (fn === 'dyn') return { cost, bound: first, why };
  if (fn === 'json') return { cost, bound: nested(first.size, 4), why };
  if (TEXT_FUNCTIONS.has(fn)) return { cost, bound: { size: Math.max(first.size, 32) }, why };
  // join() and conversions give something no bigger than what they were given (a number written out: 32 characters).
  return { cost, bound: { size: Math.max(Math.ceil(handled * CHARACTERS_PER_STEP), 32) }, why };
}

const isListCheck = (fn: unknown) => typeof fn === 'string' && (QUANTIFIERS.has(fn) || fn === 'map' || fn === 'filter');

/** Whether a part of the rule holds a list check (all, exists, map, filter…) anywhere inside it. */
function goesThroughAList(node: ASTNode): boolean {
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const n = stack.pop();
    if (Array.isArray(n)) stack.push(...n);
    else if (n && typeof n === 'object' && 'op' in n) {
      const { op, args } = n as { op: string; args: unknown };
      if (op === 'rcall' && Array.isArray(args) && isListCheck(args[0])) return true;
      stack.push(args);
    }
  }
  return false;
}

const sum = (parts: readonly Estimate[]) => parts.reduce((n, p) => n + p.cost, 0);

/** The steps of looking once at everything a value holds: each item and map key, and each character. */
function work(b: ValueBound | undefined, depth = 0): number {
  if (!b) return 1 / CHARACTERS_PER_STEP;
  if (!b.item && !b.key) return b.size / CHARACTERS_PER_STEP;
  if (depth > 8) return b.size;
  return b.size * (b.key ? STEPS_PER_MAP_KEY + work(b.key, depth + 1) : 1) + b.size * work(b.item, depth + 1);
}

function join(a: ValueBound, b: ValueBound, depth = 0): ValueBound {
  if (a === b || depth > 8) return a;
  const item = a.item || b.item ? join(a.item ?? PLAIN, b.item ?? PLAIN, depth + 1) : undefined;
  const key = a.key || b.key ? join(a.key ?? PLAIN, b.key ?? PLAIN, depth + 1) : undefined;
  return { size: Math.max(a.size, b.size), ...(item ? { item } : {}), ...(key ? { key } : {}) };
}

const joinAll = (bounds: ValueBound[]) => bounds.reduce((a, b) => join(a, b), PLAIN);

function nested(size: number, depth: number): ValueBound {
  return depth === 0 ? { size } : { size, key: { size }, item: nested(size, depth - 1) };
}
