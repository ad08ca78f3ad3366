import type { FlowDocument } from '../flow/flowSchema.ts';
import type { ParsedTemplate } from '../templates/template.ts';
import { hasErrors, type FlowIssue } from './FlowIssue.ts';
import { buildFlowGraph, type FlowGraph } from './flowGraph.ts';
import { lintContent, type RuleEvaluator } from './lintContent.ts';
import { lintGraph } from './lintGraph.ts';
import { lintHandoff } from './lintHandoff.ts';
import { parseFlow, type ParsedNode } from './parseFlow.ts';

/** A flow ready to run: indexed, with every rule and message parsed once. */
export interface CompiledFlow extends FlowGraph {
  flow: FlowDocument;
  startId: string;
  /** Trigger nodes, highest priority first (ties: top of the canvas first). */
  triggers: ParsedNode[];
  /** Keyed "<nodeId>/<field>". */
  templates: Map<string, ParsedTemplate>;
  rules: Map<string, RuleEvaluator>;
}

const ORDER: Record<FlowIssue['severity'], number> = { error: 0, warning: 1, info: 2 };

/** What the flow is checked against beyond itself. */
export interface CompileContext {
  /**
   * The ids of the queues in Settings → Queues, where agents, hours and routing live: a transfer must reach one of
   * them through the flow's own queues. Left out where the contact center's queues are not known (a running call,
   * whose transfer then takes its "failed" path).
   */
  routingQueueIds?: ReadonlySet<string>;
  /** Who can answer: the skills each queue in Settings → Queues asks for, and each agent's skills (when known). */
  skills?: RoutingSkills;
}

export interface RoutingSkills {
  /** By queue id: the skills every agent of the queue must have. */
  ofQueues: ReadonlyMap<string, readonly string[]>;
  /** Each agent's skills. */
  ofAgents: ReadonlyArray<ReadonlySet<string>>;
}

/** Compiles and lints a flow document; `compiled` is present only when there are no errors. */
export function compileFlow(input: unknown, context: CompileContext = {}): { compiled?: CompiledFlow; issues: FlowIssue[] } {
  const { parsed, issues } = parseFlow(input);
  if (!parsed) return { issues };
  const knownIds = new Set(parsed.flow.nodes.map((n) => n.id));
  const built = buildFlowGraph(parsed.nodes, parsed.flow.edges, knownIds);
  const graphLint = lintGraph(built.graph);
  const content = lintContent(parsed.nodes);
  issues.push(...built.issues, ...graphLint.issues, ...lintHandoff(built.graph, parsed.flow.settings, context.routingQueueIds, context.skills), ...content.issues);
  issues.sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  if (hasErrors(issues) || !graphLint.startId) return { issues };
  const triggers = parsed.nodes
    .filter((n) => n.kind === 'trigger')
    .sort((a, b) => b.data.priority - a.data.priority || a.position.y - b.position.y || a.position.x - b.position.x);
  return {
    compiled: { ...built.graph, flow: parsed.flow, startId: graphLint.startId, triggers, templates: content.templates, rules: content.rules },
    issues,
  };
}
