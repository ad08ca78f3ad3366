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

