import type { z } from 'zod';
import type { FlowIssue } from '../compiler/FlowIssue.ts';
import type { FlowSettings } from '../flow/flowSchema.ts';

export interface NodeMessage {
  /** Where the text lives in the node's data, e.g. "text" or "intents.1.reply". */
  field: string;
  text: string;
  /** Said only where routing has a wait to tell (a transfer's "connecting" message, its waiting updates). */
  waitKnown?: boolean;
}

export interface NodeRule {
  field: string;
  rule: string;
}

/** One node kind: its ports, its data schema and defaults, and the checks only it knows. */
export interface NodeKindDefinition<K extends string = string, S extends z.ZodType = z.ZodType> {
  kind: K;
  /** Plain-words name shown in the palette ("Transfer to a person"). */
  label: string;
  description: string;
  /** Start and trigger nodes are entry points: nothing connects into them. */
  hasInput: boolean;
  /**
   * The node waits for the caller (or the transfer) before it goes on: a loop must pass through such a node, or a call
   * would spin forever.
   */
  waits: boolean;
  /**
   * Whether what the caller said or pressed here is an answer to the node's own question; such a turn is not listened
   * to by the flow's handoff triggers (a satisfaction score of "1, awful" is an answer, not a complaint to act on). A
   * caller in danger is still handed over: nothing turns safety off.
   */
  isAnswer?(input: string): boolean;
  /** Ports that may stay unconnected (the flow then ends there as the kind says), so the linter does not call them dead ends. */
  optionalPorts?: readonly string[];
  /** The names of the values (slots) the node keeps, so rules and messages can offer `slots.<name>`. */
  slots?(data: z.output<S>): string[];
  schema: S;
  defaults: z.output<S>;
  /** Defaults that depend on the flow a new node joins (a transfer goes to one of the flow's own queues). */
  defaultsIn?(settings: FlowSettings): Partial<z.output<S>>;
  ports(data: z.output<S>): string[];
  /** What a person calls ports whose id is not their name (an intent's plain-words name); the others read as their id in words. */
  portLabels?(data: z.output<S>): Record<string, string>;
  /** Everything the node says to the caller, so the compiler can lint every message. */
  messages(data: z.output<S>): NodeMessage[];
  /** Every rule (CEL) the node holds, so the compiler can type-check them. */
  rules(data: z.output<S>): NodeRule[];
  /** Checks the schema cannot express; returned as issues, never thrown. */
  validate?(data: z.output<S>, nodeId: string): FlowIssue[];
}

/** Defines a node kind once; the client and server registries hang their faces off it. */
export function defineNodeKind<K extends string, S extends z.ZodType>(def: NodeKindDefinition<K, S>): NodeKindDefinition<K, S> {
  return def;
}

