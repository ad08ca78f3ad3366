import { beforeEach, describe, expect, it } from 'vitest';
import type { FlowSettings } from '@baton/shared';
import { clearHistory, redo, undo, useEditorStore } from './editorStore.ts';
import type { FlowDraft } from '../../api/fetchFlow.ts';

const settings: FlowSettings = { language: 'en', confidenceThreshold: 0.6, sensitiveKeywords: [], zeroOutToAgent: true, reasonTexts: {}, queues: [{ id: 'billing', name: 'billing team', typicalWaitSeconds: 120 }], safetyMessage: 'Please call emergency services.', phone: {} };

const flow: FlowDraft = {
  id: 'f',
  name: 'F',
  description: '',
  version: 3,
  settings,
  nodes: [
    { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: { label: 'Call starts', greeting: 'Hi.' } },
    { id: 'say', kind: 'say', position: { x: 0, y: 200 }, data: { label: 'Say', text: 'Hello.' } },
  ],
  edges: [{ id: 'start-next', source: 'start', sourcePort: 'next', target: 'say' }],
};

const store = () => useEditorStore.getState();
const reworded: FlowSettings = { ...settings, reasonTexts: { explicit_request: "you'd like to talk to one of our team" } };

describe('setSettings', () => {
  beforeEach(() => {
    store().load(flow);
    clearHistory();
  });

  it('When the settings are applied, then the flow has unsaved changes and a new revision', () => {
    store().setSettings(reworded);
    expect(store().meta?.settings.reasonTexts.explicit_request).toBe("you'd like to talk to one of our team");
    expect(store().meta?.name).toBe('F');
    expect(store().dirty).toBe(true);
    expect(store().revision).toBe(1);
  });

  it('When applied settings are undone, then the earlier wording comes back, and redo applies it again', () => {
    store().setSettings(reworded);
    undo();
    expect(store().meta?.settings.reasonTexts).toEqual({});
    redo();
    expect(store().meta?.settings.reasonTexts.explicit_request).toBe("you'd like to talk to one of our team");
  });

  it('When a node is edited after the settings, then undo takes back the node edit only', () => {
    store().setSettings(reworded);
    store().updateNodeData('say', { label: 'Say', text: 'Goodbye.' });
    undo();
    expect(store().nodes.find((n) => n.id === 'say')?.data.text).toBe('Hello.');
    expect(store().meta?.settings.reasonTexts.explicit_request).toBe("you'd like to talk to one of our team");
    undo();
    expect(store().meta?.settings.reasonTexts).toEqual({});
  });
});
