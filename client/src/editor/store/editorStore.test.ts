import { beforeEach, describe, expect, it } from 'vitest';
import { beginUndoStep, clearHistory, endUndoStep, redo, undo, useEditorStore } from './editorStore.ts';
import type { FlowDraft } from '../../api/fetchFlow.ts';

const flow: FlowDraft = {
  id: 'f',
  name: 'F',
  description: '',
  version: 3,
  settings: { language: 'en', confidenceThreshold: 0.6, sensitiveKeywords: [], zeroOutToAgent: true, reasonTexts: {}, queues: [], safetyMessage: 'Please call emergency services.', phone: {} },
  nodes: [
    { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: { label: 'Call starts', greeting: 'Hi.' } },
    { id: 'say', kind: 'say', position: { x: 0, y: 200 }, data: { label: 'Say', text: 'Hello.' } },
  ],
  edges: [{ id: 'start-next', source: 'start', sourcePort: 'next', target: 'say' }],
};

const store = () => useEditorStore.getState();
const history = () => useEditorStore.temporal.getState();

describe('editor store', () => {
  beforeEach(() => {
    store().load(flow);
    clearHistory();
  });

  it('When a node is deleted, then its connections go too, and one undo brings both back', () => {
    store().deleteElements(['say'], []);
    expect(store().edges).toEqual([]);
    undo();
    expect(store().nodes.map((n) => n.id)).toEqual(['start', 'say']);
    expect(store().edges.map((e) => e.id)).toEqual(['start-next']);
    redo();
    expect(store().nodes.map((n) => n.id)).toEqual(['start']);
  });

  it('When only the selection changes, then there is nothing to undo', () => {
    store().selectOnly('say');
    store().onNodesChange([{ type: 'select', id: 'start', selected: true }]);
    expect(history().pastStates).toHaveLength(0);
  });

  it('When a node is dragged over many frames, then it is one undo step', () => {
    beginUndoStep('drag');
    for (let y = 201; y <= 260; y++) store().onNodesChange([{ type: 'position', id: 'say', position: { x: 0, y }, dragging: true }]);
    endUndoStep('drag');
    expect(history().pastStates).toHaveLength(1);
    undo();
    expect(store().nodes.find((n) => n.id === 'say')!.position).toEqual({ x: 0, y: 200 });
  });

  it('When an output that already leads somewhere is connected again, then it is refused with the reason', () => {
    store().addNode('end', { x: 0, y: 400 });
    const reason = store().connect({ source: 'start', sourceHandle: 'next', target: 'end_1', targetHandle: null });
    expect(reason).toContain('already leads somewhere');
    expect(store().connect({ source: 'say', sourceHandle: 'next', target: 'start', targetHandle: null })).toContain('Nothing can lead into');
    expect(store().connect({ source: 'say', sourceHandle: 'next', target: 'end_1', targetHandle: null })).toBeNull();
    expect(store().edges.map((e) => e.id)).toContain('say-next');
  });

  it('When new nodes are added, then they get readable ids that are not taken', () => {
    expect(store().addNode('say', { x: 0, y: 0 })).toBe('say_1');
    expect(store().addNode('say', { x: 0, y: 0 })).toBe('say_2');
  });
});
