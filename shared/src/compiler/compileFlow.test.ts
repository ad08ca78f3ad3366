import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { smallFlow } from '../testing/smallFlow.ts';
import { compileFlow, type CompileContext } from './compileFlow.ts';

type Flow = ReturnType<typeof smallFlow>;
const node = (f: Flow, id: string) => f.nodes.find((n) => n.id === id)!;
const dropEdge = (f: Flow, id: string) => (f.edges = f.edges.filter((e) => e.id !== id));

/** For each issue code, a change to the small flow that must produce it (and the node it must point at). */
const cases: Record<string, { change: (f: Flow) => unknown; nodeId?: string; context?: CompileContext }> = {
  invalid_flow: { change: (f) => ((f as { name: unknown }).name = 42) },
  unknown_node_kind: { change: (f) => f.nodes.push({ id: 'x', kind: 'teleport', position: { x: 0, y: 0 }, data: {} }), nodeId: 'x' },
  invalid_node_data: { change: (f) => (node(f, 'say_balance').data.text = ''), nodeId: 'say_balance' },
  duplicate_node_id: { change: (f) => f.nodes.push({ ...node(f, 'bye') }), nodeId: 'bye' },
  duplicate_edge_id: { change: (f) => f.edges.push({ ...f.edges[0] }) },
  edge_source_missing: { change: (f) => f.edges.push({ id: 'ghost', source: 'nowhere', sourcePort: 'next', target: 'bye' }) },
  edge_target_missing: { change: (f) => (f.edges.find((e) => e.id === 'say_balance-next')!.target = 'nowhere'), nodeId: 'say_balance' },
  edge_port_unknown: { change: (f) => f.edges.push({ id: 'odd', source: 'bye', sourcePort: 'next', target: 'main' }), nodeId: 'bye' },
  edge_into_entry: { change: (f) => (f.edges.find((e) => e.id === 'say_balance-next')!.target = 'person'), nodeId: 'person' },
  port_has_multiple_edges: { change: (f) => f.edges.push({ id: 'twice', source: 'start', sourcePort: 'next', target: 'bye' }), nodeId: 'start' },
  no_start: { change: (f) => (f.nodes = f.nodes.filter((n) => n.id !== 'start')) },
  multiple_starts: { change: (f) => f.nodes.push({ ...node(f, 'start'), id: 'start2' }), nodeId: 'start2' },
  unreachable_node: { change: (f) => f.nodes.push({ id: 'lonely', kind: 'end', position: { x: 0, y: 0 }, data: {} }), nodeId: 'lonely' },
  dead_end: { change: (f) => dropEdge(f, 'say_balance-next'), nodeId: 'say_balance' },
  ai_without_no_match: { change: (f) => dropEdge(f, 'main-no_match'), nodeId: 'main' },
  transfer_outcome_unhandled: { change: (f) => dropEdge(f, 'transfer-no_agent'), nodeId: 'transfer' },
  loop_without_listening: { change: (f) => (f.edges.find((e) => e.id === 'sorry-next')!.target = 'sorry'), nodeId: 'sorry' },
  transfer_without_transparency: { change: (f) => (f.edges.find((e) => e.id === 'person-fired')!.target = 'transfer'), nodeId: 'transfer' },
  no_explicit_request_trigger: { change: (f) => (node(f, 'person').data.detectors = [{ signal: 'negative_sentiment' }]) },
  no_sensitive_trigger: {
    change: (f) => {
      f.nodes = f.nodes.filter((n) => n.id !== 'sensitive');
      dropEdge(f, 'sensitive-fired');
    },
  },
  transfer_queue_unknown: { change: (f) => (node(f, 'transfer').data.queue = 'mars'), nodeId: 'transfer' },
  transfer_nobody_skilled: {
    change: (f) => (node(f, 'transfer').data.skills = ['sign_language']),
    nodeId: 'transfer',
    context: { routingQueueIds: new Set(['billing']), skills: { ofQueues: new Map([['billing', ['billing']]]), ofAgents: [new Set(['billing'])] } },
  },
  trigger_scope_unknown_node: { change: (f) => (node(f, 'person').data.scope = { mode: 'nodes', nodeIds: ['gone'] }), nodeId: 'person' },
  trigger_scope_empty: { change: (f) => (node(f, 'person').data.scope = { mode: 'nodes', nodeIds: [] }), nodeId: 'person' },
  trigger_without_condition: { change: (f) => (node(f, 'person').data.detectors = []), nodeId: 'person' },
  template_malformed: { change: (f) => (node(f, 'say_balance').data.text = 'Your balance is {{slots.balance'), nodeId: 'say_balance' },
  template_unknown_variable: { change: (f) => (node(f, 'say_balance').data.text = 'Hi {{customer.nickname}}'), nodeId: 'say_balance' },
  template_wait_unknown: { change: (f) => (node(f, 'say_balance').data.text = 'The wait is {{queue.waitText}}'), nodeId: 'say_balance' },
  message_too_long: { change: (f) => (node(f, 'say_balance').data.text = 'word '.repeat(60)), nodeId: 'say_balance' },
  rule_invalid: { change: (f) => (node(f, 'person').data.rule = 'sentiment < "low"'), nodeId: 'person' },
  ask_pattern_missing: {
    change: (f) => {
      f.nodes.push({ id: 'acct', kind: 'ask', position: { x: 0, y: 0 }, data: { question: 'Account?', slot: 'account', valueType: 'pattern' } });
      f.edges.find((e) => e.id === 'main-balance')!.target = 'acct';
      f.edges.push({ id: 'acct-filled', source: 'acct', sourcePort: 'filled', target: 'say_balance' }, { id: 'acct-failed', source: 'acct', sourcePort: 'failed', target: 'bye' });
    },
    nodeId: 'acct',
  },
  duplicate_intent: { change: (f) => (node(f, 'main').data.intents = [...(node(f, 'main').data.intents as object[]), { name: 'balance', examples: ['a', 'b', 'c'] }]), nodeId: 'main' },
  intent_without_name: { change: (f) => ((node(f, 'main').data.intents as Array<{ label?: string }>)[0].label = '  '), nodeId: 'main' },
  intent_without_examples: { change: (f) => ((node(f, 'main').data.intents as Array<{ examples: string[] }>)[0].examples = []), nodeId: 'main' },
  intent_few_examples: { change: (f) => ((node(f, 'main').data.intents as Array<{ examples: string[] }>)[0].examples = ['balance']), nodeId: 'main' },
  ai_without_intents: { change: (f) => (node(f, 'main').data.intents = []), nodeId: 'main' },
  duplicate_condition: { change: (f) => addBranch(f, [{ id: 'vip', rule: 'caller.vip == true' }, { id: 'vip', rule: 'turns > 3' }]), nodeId: 'decide' },
  branch_without_conditions: { change: (f) => addBranch(f, []), nodeId: 'decide' },
};

function addBranch(f: Flow, conditions: object[]) {
  f.nodes.push({ id: 'decide', kind: 'branch', position: { x: 0, y: 0 }, data: { conditions } });
  f.edges.find((e) => e.id === 'say_balance-next')!.target = 'decide';
  f.edges.push({ id: 'decide-else', source: 'decide', sourcePort: 'else', target: 'bye' });
}

describe('compileFlow', () => {
  it('When a flow is complete and follows the handoff practices, then it compiles with no issues', () => {
    const { compiled, issues } = compileFlow(smallFlow());
    expect(issues).toEqual([]);
    expect(compiled?.startId).toBe('start');
    expect(compiled?.triggers.map((t) => t.id)).toEqual(['person', 'sensitive']);
  });

  for (const [code, { change, nodeId, context }] of Object.entries(cases)) {
    it(`When the flow has the problem "${code}", then the compiler reports it${nodeId ? ` on node "${nodeId}"` : ''} in words to act on`, () => {
      const flow = smallFlow();
      change(flow);
      const { issues } = compileFlow(flow, context);
      const found = issues.find((i) => i.code === code);
      expect(found, JSON.stringify(issues, null, 1)).toBeDefined();
      if (nodeId) expect(found!.nodeId).toBe(nodeId);
      expect(found!.message.length).toBeGreaterThan(20);
      expect(['error', 'warning', 'info']).toContain(found!.severity);
    });
  }

  it('When an error is present, then no compiled flow is returned; warnings alone still compile', () => {
    const broken = smallFlow();
    dropEdge(broken, 'main-no_match');
    expect(compileFlow(broken).compiled).toBeUndefined();
    const warned = smallFlow();
    node(warned, 'person').data.detectors = [{ signal: 'negative_sentiment' }];
    expect(compileFlow(warned).compiled).toBeDefined();
  });

  it('When a transfer names a queue the flow does not have, then it is an error, so the flow cannot be published', () => {
    const flow = smallFlow();
    node(flow, 'transfer').data.queue = 'mars';
    const { compiled, issues } = compileFlow(flow);
    expect(compiled).toBeUndefined();
    expect(issues).toContainEqual(expect.objectContaining({ code: 'transfer_queue_unknown', severity: 'error', nodeId: 'transfer', field: 'data.queue' }));
  });

  it('When the flow\'s queue is not in Settings → Queues, then its transfer is an error naming the queue; a queue that is there is fine', () => {
    const { issues } = compileFlow(smallFlow(), { routingQueueIds: new Set(['care']) });
    const found = issues.find((i) => i.code === 'transfer_queue_unknown');
    expect(found).toMatchObject({ severity: 'error', nodeId: 'transfer' });
    expect(found!.message).toMatch(/"the billing team" \(queue "billing"\), which is not in Settings → Queues/);
    expect(compileFlow(smallFlow(), { routingQueueIds: new Set(['billing']) }).issues).toEqual([]);
  });

  it('When no agent has every skill a transfer asks for, then it is a warning naming them; once an agent has them it is gone', () => {
    const flow = smallFlow();
    node(flow, 'transfer').data.skills = ['vulnerable_customers'];
    const ofQueues = new Map([['billing', ['billing']]]);
    const routingQueueIds = new Set(['billing']);
    const { compiled, issues } = compileFlow(flow, { routingQueueIds, skills: { ofQueues, ofAgents: [new Set(['billing']), new Set(['vulnerable_customers'])] } });
    expect(compiled).toBeDefined();
    const found = issues.find((i) => i.code === 'transfer_nobody_skilled');
    expect(found).toMatchObject({ severity: 'warning', nodeId: 'transfer', field: 'data.skills' });
    expect(found!.message).toMatch(/No agent has every skill .* asks for \(billing, vulnerable_customers\), so its callers can never reach a person/);
    const staffed = compileFlow(flow, { routingQueueIds, skills: { ofQueues, ofAgents: [new Set(['billing', 'vulnerable_customers'])] } });
    expect(staffed.issues.filter((i) => i.code === 'transfer_nobody_skilled')).toEqual([]);
  });

  it('When a message is too long, then the warning gives the estimated seconds', () => {
    const flow = smallFlow();
    node(flow, 'say_balance').data.text = 'word '.repeat(60);
    expect(compileFlow(flow).issues.find((i) => i.code === 'message_too_long')!.message).toMatch(/about 24 seconds/);
  });

  it('When every rule is quick alone but the triggers together would slow each turn, then the flow is refused naming the costliest', () => {
    const flow = smallFlow();
    const rule = (words: number) => Array.from({ length: words }, (_, i) => `text.contains("word${i}")`).join(' || ');
    for (let t = 0; t < 4; t++)
      flow.nodes.push({ id: `watch${t}`, kind: 'trigger', position: { x: 0, y: 0 }, data: { label: `Watch ${t}`, category: 'custom', rule: rule(t === 2 ? 17 : 16) } });
    const { issues } = compileFlow(flow);
    expect(issues.filter((i) => i.code === 'rule_invalid')).toEqual([
      expect.objectContaining({ severity: 'error', nodeId: 'watch2', message: expect.stringMatching(/rules of this flow together could take too long on each caller turn/) }),
    ]);
  });

  it('Every issue code the compiler can produce has a case above', () => {
    const dir = path.resolve(import.meta.dirname, '..');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const codes = new Set(files.flatMap((f) => [...readFileSync(path.join(dir, f), 'utf8').matchAll(/code: '([a-z_]+)'/g)].map((m) => m[1])));
    expect([...codes].filter((c) => !(c in cases))).toEqual([]);
  });
});
