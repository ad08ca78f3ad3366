import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFlow } from '@baton/shared';
import { NlpjsNlu } from '../nlu/NlpjsNlu.ts';
import { createSession } from '../engine/CallSession.ts';
import { prepareFlow } from '../engine/RuntimeFlow.ts';
import { step } from '../engine/step.ts';
import { CallSaves, foldSaved, liveCallFromSaved, withSavedChanges, type LiveCall } from './LiveCall.ts';

describe('saving a call in progress', () => {
  it('When a call is saved whole and then turn by turn as its changes, then the lines add up to the call as it is, and each change is small', async () => {
    const flow = JSON.parse(await readFile(path.resolve(import.meta.dirname, '../../../flows/billing-support.json'), 'utf8'));
    const runtime = prepareFlow(compileFlow(flow).compiled!, 'draft', new NlpjsNlu());
    const at = '2026-12-05T10:00:00.000Z';
    let session = createSession({ callId: 'c1', flowId: flow.id, flowVersion: 'draft', startNodeId: runtime.compiled.startId, at });
    session = step(runtime, session, { type: 'start', at, caller: { name: 'Ada', attributes: {} } }).session;
    const saves = new CallSaves();
    const call = (s: typeof session): LiveCall => ({ session: s, flow: runtime, manualTransfers: false, repeatCaller: false, lastHeardAt: 1 });
    const lines = [saves.lineFor('c1', call(session))!];
    expect(lines[0].whole).toBe(true);
    // More turns than the recent turns a session keeps (10), so that list lets its oldest go on the way.
    const turns = ['what is my balance', '12345678', 'yes', 'I was charged twice', '40 dollars', 'yes please', 'no thanks that is all', 'hello?', 'what is my balance', '87654321', 'yes', 'can I set up a payment plan', 'six months', 'no thanks'];
    for (const text of turns) {
      session = step(runtime, session, { type: 'utterance', at, text }).session;
      lines.push(saves.lineFor('c1', call(session))!);
    }
    expect(lines.slice(1).every((l) => !l.whole)).toBe(true);
    // The last change is about one turn, far smaller than the call saved whole.
    expect(lines.at(-1)!.text.length).toBeLessThan(JSON.stringify({ session }).length / 3);
    const restored = liveCallFromSaved(foldSaved(lines.map((l) => JSON.parse(l.text))), () => runtime);
    expect(JSON.parse(JSON.stringify(restored.session))).toEqual(JSON.parse(JSON.stringify(session)));
    // Another server that held the call after its fourth turn catches up from the changes saved since, and goes on
    // from there exactly as this one would.
    const heldThere = liveCallFromSaved(foldSaved(lines.slice(0, 5).map((l) => JSON.parse(l.text))), () => runtime);
    const caughtUp = withSavedChanges(heldThere, lines.slice(5).map((l) => JSON.parse(l.text)));
    expect(JSON.parse(JSON.stringify(caughtUp.session))).toEqual(JSON.parse(JSON.stringify(session)));
    const next = (s: typeof session) => step(runtime, s, { type: 'utterance', at, text: 'thanks, bye' }).session;
    expect(JSON.parse(JSON.stringify(next(caughtUp.session)))).toEqual(JSON.parse(JSON.stringify(next(session))));
  });
});
