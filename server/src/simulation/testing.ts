import { readFileSync } from 'node:fs';
import path from 'node:path';
import { personaSchema, type FlowDocument, type Persona, type PersonaInput } from '@baton/shared';
import { NlpjsNlu } from '../nlu/NlpjsNlu.ts';
import { simulationFlow } from './simulationFlow.ts';

/** Helpers shared by the simulation's tests. */
export const flowsDir = path.resolve(import.meta.dirname, '../../../flows');
export const readFlow = (id: string): FlowDocument => JSON.parse(readFileSync(path.join(flowsDir, `${id}.json`), 'utf8'));
export const testNlu = new NlpjsNlu();
export const prepared = (doc: FlowDocument) => simulationFlow({ doc, version: 'draft' }, testNlu);

/** A persona that does nothing by chance unless told to. */
export function persona(overrides: Partial<PersonaInput>): Persona {
  return personaSchema.parse({
    id: 'test-caller',
    name: 'Test caller',
    wants: [{ intent: 'balance', utterances: ['what is my balance'] }],
    patienceTurns: 3,
    asksForPersonProbability: 0,
    personPhrases: ['let me talk to a real person'],
    loudness: { baseDb: 60, perFailedTurnDb: 0 },
    escalation: [],
    rephrasings: [],
    weight: 1,
    ...overrides,
  });
}

/** A copy of a flow with a trigger node (and its edges) removed. */
export function withoutNode(doc: FlowDocument, nodeId: string): FlowDocument {
  const copy = structuredClone(doc);
  copy.nodes = copy.nodes.filter((n) => n.id !== nodeId);
  copy.edges = copy.edges.filter((e) => e.source !== nodeId && e.target !== nodeId);
  return copy;
}
