import { compileFlow } from '@baton/shared';

/** A flow of `size` nodes shaped like real ones: AI menus with intents, questions, decisions, messages, handoffs. */
export function generatedFlow(size: number) {
  const nodes: object[] = [{ id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: { greeting: 'Hello.' } }];
  const edges: object[] = [];
  const edge = (source: string, sourcePort: string, target: string) => edges.push({ id: `${source}-${sourcePort}`, source, sourcePort, target });
  nodes.push(
    { id: 'person', kind: 'trigger', position: { x: 0, y: 0 }, data: { category: 'explicit_request', detectors: [{ signal: 'explicit_request' }], rule: 'sentiment < -0.8 && repeats >= 2' } },
    { id: 'sensitive', kind: 'trigger', position: { x: 0, y: 0 }, data: { category: 'complex_or_sensitive', detectors: [{ signal: 'sensitive_topic' }] } },
    { id: 'tell', kind: 'transparency', position: { x: 0, y: 0 }, data: { text: 'Connecting you to {{queue.name}}; about {{queue.ewtMinutes}} minutes.' } },
    { id: 'transfer', kind: 'transfer', position: { x: 0, y: 0 }, data: { queue: 'general' } },
    { id: 'bye', kind: 'end', position: { x: 0, y: 0 }, data: { message: 'Goodbye.' } },
  );
  edge('person', 'fired', 'tell');
  edge('sensitive', 'fired', 'tell');
  edge('tell', 'next', 'transfer');
  edge('transfer', 'no_agent', 'bye');
  edge('transfer', 'failed', 'bye');
  let previous = 'start';
  let i = 0;
  while (nodes.length + 4 <= size) {
    const ai = `ai${i}`, ask = `ask${i}`, decide = `decide${i}`, say = `say${i}`;
    nodes.push(
      { id: ai, kind: 'ai', position: { x: i, y: 0 }, data: { prompt: 'How can I help?', intents: [{ name: 'balance', examples: ['balance', 'what do I owe', 'how much'] }, { name: 'refund', examples: ['refund', 'money back', 'charged twice'] }] } },
      { id: ask, kind: 'ask', position: { x: i, y: 1 }, data: { question: 'How much?', slot: `amount${i}`, valueType: 'amount' } },
      { id: decide, kind: 'branch', position: { x: i, y: 2 }, data: { conditions: [{ id: 'large', rule: `has(slots.amount${i}) && slots.amount${i} > 100` }] } },
      { id: say, kind: 'say', position: { x: i, y: 3 }, data: { text: `Thanks {{caller.name}}, noted {{slots.amount${i}}}.` } },
    );
    edge(previous, previous === 'start' ? 'next' : 'next', ai);
    edge(ai, 'balance', say === previous ? 'bye' : ask);
    edge(ai, 'refund', ask);
    edge(ai, 'no_match', 'tell');
    edge(ask, 'filled', decide);
    edge(ask, 'failed', 'tell');
    edge(decide, 'large', 'tell');
    edge(decide, 'else', say);
    previous = say;
    i++;
  }
  edge(previous, 'next', 'bye');
  return { id: 'generated', name: 'Generated', version: 1, nodes, edges, settings: { queues: [{ id: 'general', name: 'our team' }] } };
}

/** Median compile + lint time over a few runs. */
export function compileBench(size: number): number {
  const flow = generatedFlow(size);
  const runs: number[] = [];
  for (let n = 0; n < 7; n++) {
    const t0 = performance.now();
    const { compiled, issues } = compileFlow(flow);
    runs.push(performance.now() - t0);
    if (!compiled) throw new Error(`generated flow does not compile: ${JSON.stringify(issues.slice(0, 3))}`);
  }
  runs.sort((a, b) => a - b);
  return Number(runs[3].toFixed(1));
}
