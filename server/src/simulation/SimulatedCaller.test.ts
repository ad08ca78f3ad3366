import { describe, expect, it } from 'vitest';
import { simulateCall, transcriptOf } from './simulateCall.ts';
import { loadPersonas } from './loadPersonas.ts';
import { flowsDir, persona, prepared, readFlow, withoutNode } from './testing.ts';

const billing = prepared(readFlow('billing-support'));
const callerTurns = (detail: ReturnType<typeof simulateCall>) => transcriptOf(detail).filter((t) => t.from === 'caller');

const calm = (await loadPersonas(`${flowsDir}/personas`)).filter((p) => p.id === 'calm-regular');

describe('simulated caller', () => {
  it.each(['billing-support', 'card-services', 'tech-support'])('When calm callers call %s, then none is handed over for repeating a question, and their answers are said as they are', (flowId) => {
    expect(calm).toHaveLength(1);
    const flow = prepared(readFlow(flowId));
    const escalation = new Set(calm[0].escalation);
    for (let index = 0; index < 200; index++) {
      const detail = simulateCall(flow, calm, 11, index);
      expect(detail.result.handoff?.signal, `call ${index}`).not.toBe('repeated_question');
      const turns = transcriptOf(detail);
      turns.forEach((t, i) => {
        if (t.from !== 'caller') return;
        const opening = [...escalation].find((e) => t.text.startsWith(e));
        if (!opening) return;
        // Escalating words open only a second try at the same AI step: never a first turn, an answer or a closing.
        const before = turns.slice(0, i).filter((b) => b.from === 'caller').at(-1);
        expect(before?.nodeId, `call ${index}: "${t.text}"`).toBe(t.nodeId);
        expect(flow.runtime.compiled.nodes.get(t.nodeId!)?.kind, `call ${index}: "${t.text}"`).toBe('ai');
      });
    }
  });

  it('When a calm caller wants their balance, then they say so, give an 8-digit account number, decline anything else, score the call well, and the AI contains the call', () => {
    const detail = simulateCall(billing, [persona({})], 1, 0);
    expect(detail.result).toMatchObject({ outcome: 'contained', intent: 'balance', turns: 4, handoff: null, disposition: 'resolved' });
    expect(detail.session.slots.account_number).toMatch(/^\d{8}$/);
    expect(callerTurns(detail).map((t) => t.text)).toEqual(['what is my balance', expect.stringMatching(/^\d{8}$/), expect.stringMatching(/^no/), expect.stringMatching(/^[45]$/)]);
    expect(detail.session.survey?.score).toBeGreaterThanOrEqual(4);
  });

  it('When a persona asks for an agent at once, then their first words ask for a person and the call is handed off on the first turn', () => {
    const detail = simulateCall(billing, [persona({ asksAtOnce: true, personPhrases: ['agent'] })], 1, 0);
    expect(callerTurns(detail)[0].text).toBe('agent');
    expect(detail.result).toMatchObject({ outcome: 'handoff', turns: 1, handoff: { category: 'explicit_request', nodeId: 'trigger_person', queue: 'billing', atSeconds: 12 } });
  });

  it('When the AI does not understand, then the caller rephrases, louder by the persona step and with its escalating words, and takes the offer of a person', () => {
    const offScript = persona({
      wants: [{ intent: 'solar_panels', utterances: ['do you install solar panels'] }],
      rephrasings: ['solar roof tiles for my house'],
      escalation: ['Listen to me.'],
      loudness: { baseDb: 60, perFailedTurnDb: 5 },
    });
    const detail = simulateCall(billing, [offScript], 1, 0);
    const [first, second] = callerTurns(detail);
    expect(first.text).toBe('do you install solar panels');
    expect(second.text).toBe('Listen to me. solar roof tiles for my house');
    expect(second.loudnessDb! - first.loudnessDb!).toBeGreaterThan(3);
    expect(detail.result.intent).toBeNull();
    expect(callerTurns(detail)[2].text).toBe('yes please');
    expect(detail.result.handoff).toMatchObject({ category: 'custom', nodeId: 'transfer_billing', queue: 'billing' });
  });

  it('When the caller has nothing left to rephrase with, then they repeat themselves and the repetition trigger can fire', () => {
    const repeater = persona({ wants: [{ intent: 'meter_reading', utterances: ['I need to send my meter reading'] }] });
    const doc = readFlow('billing-support');
    // Without the offer of a person, the assistant asks again and again.
    const askingAgain = { ...doc, edges: doc.edges.map((e) => (e.id === 'main-no_match' ? { ...e, target: 'say_rephrase' } : e)) };
    const detail = simulateCall(prepared(askingAgain), [repeater], 1, 0);
    const words = callerTurns(detail).map((t) => t.text);
    expect(new Set(words)).toEqual(new Set(['I need to send my meter reading']));
    expect(detail.result.handoff).toMatchObject({ category: 'frustration', signal: 'repeated_question' });
  });

  it("When the caller's patience is spent before any trigger fires, then they hang up", () => {
    const lost = persona({ wants: [{ intent: 'meter_reading', utterances: ['banana'] }], rephrasings: ['purple', 'yesterday evening', 'cheese sandwich'], patienceTurns: 1 });
    let doc = readFlow('billing-support');
    for (const id of ['trigger_not_understood', 'trigger_frustrated']) doc = withoutNode(doc, id);
    const detail = simulateCall(prepared(doc), [lost], 1, 0);
    expect(detail.result).toMatchObject({ outcome: 'hung_up', turns: 1, disposition: 'abandoned', handoff: null });
    expect(detail.session.status).toBe('ended');
  });

  it('When a persona brings a sensitive topic, then they mention it first and the call goes to the specialists', () => {
    const victim = persona({ sensitiveTopic: { phrase: 'someone stole my identity and this is fraud' } });
    const detail = simulateCall(billing, [victim], 1, 0);
    expect(callerTurns(detail)[0].text).toMatch(/^someone stole my identity/);
    expect(detail.result.handoff).toMatchObject({ category: 'complex_or_sensitive', signal: 'sensitive_topic', queue: 'care' });
  });

  it('When a persona asks for a person with some probability, then about that share of first turns are requests', () => {
    const sometimes = persona({ asksForPersonProbability: 0.3 });
    const asked = Array.from({ length: 400 }, (_, i) => simulateCall(billing, [sometimes], 9, i)).filter((d) => d.result.handoff?.category === 'explicit_request' && d.result.turns === 1);
    expect(asked.length / 400).toBeGreaterThan(0.22);
    expect(asked.length / 400).toBeLessThan(0.38);
  });

  it('When one call is replayed from its seed and index alone, then it says and hears exactly the same', () => {
    const mix = [persona({ asksForPersonProbability: 0.2 }), persona({ id: 'other', rephrasings: ['my bill'], unsureProbability: 0.5, offScript: ['hang on'] })];
    const first = simulateCall(billing, mix, 42, 17);
    const again = simulateCall(billing, mix, 42, 17);
    expect(transcriptOf(again)).toEqual(transcriptOf(first));
    expect(again.result).toEqual(first.result);
    expect(transcriptOf(simulateCall(billing, mix, 43, 17))).not.toEqual(transcriptOf(first));
  });
});
