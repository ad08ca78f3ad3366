import type { FlowInput } from '../flow/flowSchema.ts';

type NodeSpec = { id: string; kind: string; data: Record<string, unknown> };

/** A small, correct handoff flow to mutate in tests: start → AI (balance) → end, and "asks for a person" or a sensitive matter → tell → transfer. */
export function smallFlow(): FlowInput & { nodes: Array<NodeSpec & { position: { x: number; y: number } }> } {
  const nodes: NodeSpec[] = [
    { id: 'start', kind: 'start', data: { greeting: 'Hello, you are talking to the billing assistant.' } },
    { id: 'main', kind: 'ai', data: { label: 'Main menu', prompt: 'How can I help?', intents: [{ name: 'balance', examples: ['what is my balance', 'how much do I owe', 'check my balance'] }] } },
    { id: 'say_balance', kind: 'say', data: { text: 'Your balance is on its way by text.' } },
    { id: 'sorry', kind: 'say', data: { text: 'Sorry, could you say that another way?' } },
    { id: 'bye', kind: 'end', data: { message: 'Goodbye.' } },
    { id: 'person', kind: 'trigger', data: { label: 'Asks for a person', category: 'explicit_request', detectors: [{ signal: 'explicit_request' }] } },
    { id: 'sensitive', kind: 'trigger', data: { label: 'Sensitive matters', category: 'complex_or_sensitive', detectors: [{ signal: 'sensitive_topic' }] } },
    { id: 'tell', kind: 'transparency', data: { text: 'I am connecting you to {{queue.name}} because {{handoff.reasonText}}.' } },
    { id: 'transfer', kind: 'transfer', data: { label: 'Billing queue', queue: 'billing' } },
    { id: 'busy', kind: 'end', data: { message: 'Everyone is busy; please call back later.', disposition: 'abandoned' } },
  ];
  const edges: Array<[string, string, string]> = [
    ['start', 'next', 'main'],
    ['main', 'balance', 'say_balance'],
    ['main', 'no_match', 'sorry'],
    ['sorry', 'next', 'main'],
    ['say_balance', 'next', 'bye'],
    ['person', 'fired', 'tell'],
    ['sensitive', 'fired', 'tell'],
    ['tell', 'next', 'transfer'],
    ['transfer', 'no_agent', 'busy'],
    ['transfer', 'failed', 'busy'],
  ];
  return {
    id: 'small',
    name: 'Small flow',
    version: 1,
    nodes: nodes.map((n, i) => ({ ...n, position: { x: 0, y: i * 100 } })),
    edges: edges.map(([source, sourcePort, target]) => ({ id: `${source}-${sourcePort}`, source, sourcePort, target })),
    settings: { queues: [{ id: 'billing', name: 'the billing team', typicalWaitSeconds: 120 }] },
  };
}
