import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffFlows } from './diffFlows.ts';
import type { FlowDocument } from './flowSchema.ts';

const billing = (): FlowDocument => JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../flows/billing-support.json'), 'utf8'));

describe('What changed between two versions of a flow', () => {
  it('When nothing but positions changed, then the versions are the same', () => {
    const after = billing();
    after.nodes[0].position = { x: 999, y: 999 };
    expect(diffFlows(billing(), after)).toMatchObject({ same: true, added: [], removed: [], changed: [] });
  });

  it('When an analyst lowers a threshold, adds a step, removes one and reconnects, then each shows by its name with the fields that changed', () => {
    const before = billing();
    const after = billing();
    const trigger = after.nodes.find((n) => n.id === 'trigger_frustrated')!;
    const detectors = trigger.data.detectors as Array<Record<string, unknown>>;
    const i = detectors.findIndex((d) => d.signal === 'raised_voice');
    detectors[i] = { ...detectors[i], deltaDb: 6 };
    after.nodes.push({ id: 'say_extra', kind: 'say', position: { x: 0, y: 0 }, data: { label: 'Extra words', text: 'Hello again.' } });
    after.nodes = after.nodes.filter((n) => n.id !== 'say_plan');
    after.edges = after.edges.filter((e) => e.source !== 'say_plan' && e.target !== 'say_plan');
    after.settings = { ...after.settings, safetyMessage: 'Please stay on the line.' } as FlowDocument['settings'];
    const diff = diffFlows(before, after);
    expect(diff.same).toBe(false);
    expect(diff.added).toEqual([{ id: 'say_extra', label: 'Extra words', kind: 'say' }]);
    expect(diff.removed).toEqual([expect.objectContaining({ id: 'say_plan', kind: 'say' })]);
    expect(diff.changed).toEqual([expect.objectContaining({ id: 'trigger_frustrated', fields: [{ field: `detectors[${i}].deltaDb`, before: 12, after: 6 }] })]);
    expect(diff.connectionsRemoved.length).toBeGreaterThan(0);
    expect(diff.settings).toEqual([expect.objectContaining({ field: 'settings.safetyMessage', after: 'Please stay on the line.' })]);
  });
});
