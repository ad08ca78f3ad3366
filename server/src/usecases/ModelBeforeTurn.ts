import type { AiData, CallEvent } from '@baton/shared';
import type { CallSession } from '../engine/CallSession.ts';
import type { RuntimeFlow } from '../engine/RuntimeFlow.ts';
import { step } from '../engine/step.ts';
import type { LiveQueues } from '../engine/values.ts';
import type { JudgeQuestion } from '../llm/judgePrompt.ts';
import type { LanguageModel } from '../llm/LanguageModel.ts';
import { uncertainQuestions } from './uncertainQuestions.ts';

/** A call as the language model's help needs it: where it is, in which flow. */
interface CallAt {
  session: CallSession;
  flow: RuntimeFlow;
}

/**
 * What the optional language model adds to a caller's turn before the engine steps: the judge's answer on what the
 * detectors were unsure of, and a generative AI step's reply. Each answer travels on the event, so the engine stays
 * pure and a replay decides the same; no model, a timeout or an unusable answer leaves the event as it was. The call
 * may move on while the model answers (a hang-up, another turn): `current` reads it again, and an answer for where the
 * call no longer is, is dropped. `queues` reads routing's figures when they are needed.
 */
export class ModelBeforeTurn<C extends CallAt> {
  constructor(private readonly llm?: LanguageModel) {}

  /** Whether the turn waits for the model: only a generative AI step, or a turn the detectors are unsure of with the judge on. */
  waitsFor(call: C, event: CallEvent): boolean {
    return this.judgeQuestionsFor(call, event).length > 0 || !!this.generativeStepFor(call, event);
  }

  /** The event with the judge's answer, then the generated reply, as far as each applies. */
  async prepare(call: C, event: CallEvent, current: () => C, queues: () => LiveQueues | undefined): Promise<{ call: C; event: CallEvent }> {
    const judged = await this.withJudgement(call, event, current);
    return this.withGeneratedAnswer(judged.call, judged.event, current, queues);
  }

  /** The questions for the judge on this turn: none unless it is on and the detectors are unsure. */
  private judgeQuestionsFor(call: C, event: CallEvent): JudgeQuestion[] {
    if (!this.llm?.judgesTurns || event.type !== 'utterance' || call.session.status !== 'ai') return [];
    return uncertainQuestions(call.flow, call.session, event.text, event.at);
  }

  /** The AI step that will answer these words generatively, if there is a model and the call is at such a step. */
  private generativeStepFor(call: C, event: CallEvent) {
    const node = call.flow.compiled.nodes.get(call.session.nodeId);
    const generative = this.llm && event.type === 'utterance' && call.session.status === 'ai' && node?.kind === 'ai' && (node.data as AiData).generative?.enabled;
    return generative ? node : undefined;
  }

  private async withJudgement(call: C, event: CallEvent, current: () => C): Promise<{ call: C; event: CallEvent }> {
    const questions = this.judgeQuestionsFor(call, event);
    if (questions.length === 0 || event.type !== 'utterance') return { call, event };
    const judgement = await this.llm!.judge([...call.session.transcript, { from: 'caller' as const, text: event.text }], questions);
    const now = current();
    if (!judgement || now.session.nodeId !== call.session.nodeId || now.session.status !== 'ai') return { call: now, event };
    return { call: now, event: { ...event, judgement } };
  }

  private async withGeneratedAnswer(call: C, event: CallEvent, current: () => C, queues: () => LiveQueues | undefined): Promise<{ call: C; event: CallEvent }> {
    const node = this.generativeStepFor(call, event);
    if (!node || event.type !== 'utterance') return { call, event };
    // Words that fire a trigger anyway (a request for a person, a sensitive topic) need no answer: no wait for one.
    if (step(call.flow, call.session, { ...event, queues: queues() }).handoff) return { call, event };
    const conversation = [...call.session.transcript, { from: 'caller' as const, text: event.text }];
    const generated = await this.llm!.generateReply({ label: node.label, data: node.data as AiData }, conversation);
    const now = current();
    if (!generated || now.session.nodeId !== node.id || now.session.status !== 'ai') return { call: now, event };
    return { call: now, event: { ...event, generated } };
  }
}
