import type { AiData, CallEvent, HandoffReason, IntentDefinition, ParsedNode } from '@baton/shared';
import { handoffUnderway, type CallSession } from '../CallSession.ts';
import type { RuntimeFlow, RuntimeStep } from '../RuntimeFlow.ts';
import { next, wait, type CallInput, type Executor, type StepContext } from './Executor.ts';

/** A language model's answer to the caller's words, fetched by the channel before the step (see CallService). */
export type GeneratedAnswer = NonNullable<Extract<CallEvent, { type: 'utterance' }>['generated']>;

/** The caller's words at an AI step, with the model's answer when the step answers generatively. */
export type AiUtterance = Extract<CallInput, { type: 'utterance' }> & { generated?: GeneratedAnswer };

/** The generative settings of the AI step the call is at, when it answers in its own words. */
function generativeAt(flow: RuntimeFlow, session: CallSession): { node: ParsedNode; data: AiData } | null {
  const node = flow.compiled.nodes.get(session.nodeId);
  if (node?.kind !== 'ai' || !(node.data as AiData).generative?.enabled) return null;
  return { node, data: node.data as AiData };
}

const namesIntent = (data: AiData, name: string | undefined) => name !== undefined && data.intents.some((i) => i.name === name);

/** Whether the model understood the turn (a reply, one of the step's intents or never-handle topics), so it is not a "no match". */
export function understoodByModel(flow: RuntimeFlow, session: CallSession, generated: GeneratedAnswer | undefined): boolean {
  const at = generated && generativeAt(flow, session);
  if (!at) return false;
  const topic = generated.neverHandleTopic;
  return generated.reply.trim() !== '' || namesIntent(at.data, generated.intent) || (!!topic && at.data.generative!.neverHandle.includes(topic));
}

/**
 * The caller raised a topic the step must never handle: the call goes to a person through the trigger that watches
 * this step (a "complex or sensitive" one first). Null when there is no such topic, or no trigger to hand off through.
 */
export function neverHandleHandoff(flow: RuntimeFlow, session: CallSession, generated: GeneratedAnswer | undefined): { trigger: ParsedNode; reason: HandoffReason } | null {
  const topic = generated?.neverHandleTopic;
  const at = topic && generativeAt(flow, session);
  if (!at || !at.data.generative!.neverHandle.includes(topic) || handoffUnderway(session) || session.status !== 'ai') return null;
  const inScope = flow.triggers.filter((t) => !t.scope || t.scope.has(session.nodeId));
  const trigger = (inScope.find((t) => t.data.category === 'complex_or_sensitive') ?? inScope[0])?.node;
  if (!trigger) return null;
  const explanation = `The caller raised "${topic}", a topic "${at.node.label}" must never handle.`;
  return { trigger, reason: { category: 'complex_or_sensitive', signal: 'sensitive_topic', triggerId: trigger.id, explanation } };
}

function notUnderstood(ctx: StepContext, step: RuntimeStep, outcome: string) {
  ctx.tried(step.node, outcome);
  ctx.say(step, 'noMatchReply', 'question');
  return next('no_match');
}

/** The model's own words are said as they are: they are never a template. */
function sayGenerated(ctx: StepContext, node: ParsedNode, text: string) {
  ctx.actions.push({ type: 'say', text, purpose: 'message', nodeId: node.id });
  ctx.draft.append('transcript', { from: 'ai', text, at: ctx.at, nodeId: node.id, purpose: 'message' });
}

/** The field of each intent's reply, made once: "intents.0.reply", "intents.1.reply", … */
const REPLY_FIELDS: string[] = [];
const replyField = (index: number) => (REPLY_FIELDS[index] ??= `intents.${index}.reply`);

export const aiExecutor: Executor = {
  enter(ctx, step) {
    ctx.say(step, 'prompt', 'question');
    ctx.listen(step.node);
    return wait;
  },
  input(ctx, step, input) {
    const { node } = step;
    if (input.type !== 'utterance') {
      // Keypad digits and silence carry no intent: treat them as not understood.
      return notUnderstood(ctx, step, input.type === 'silence' ? 'caller was silent' : 'caller pressed keys');
    }
    const { classification, entities } = input.understanding;
    for (const entity of entities) ctx.draft.setSlot(entity.type, entity.value);
    const data = node.data as AiData;
    // Only a generative step uses the model's answer; the embedded NLU's confident intent always wins.
    const generated = data.generative?.enabled ? (input as AiUtterance).generated : undefined;
    const intent = classification?.intent ?? (namesIntent(data, generated?.intent) && !generated?.neverHandleTopic ? generated!.intent : undefined);
    if (intent) {
      const index = (data.intents as IntentDefinition[]).findIndex((i) => i.name === intent);
      ctx.tried(node, classification?.intent ? `understood ${intent}` : `the language model understood ${intent}`);
      ctx.say(step, replyField(index), 'message');
      return next(intent);
    }
    // A never-handle topic with no trigger to hand off through: the flow's "no match" path takes the call.
    if (generated?.neverHandleTopic) return notUnderstood(ctx, step, `caller raised "${generated.neverHandleTopic}", which it must never handle`);
    if (generated?.reply.trim()) {
      ctx.tried(node, 'answered in its own words');
      sayGenerated(ctx, node, generated.reply.trim());
      ctx.listen(node);
      return wait;
    }
    // A greeting or thanks is not a request the step failed to understand: it asks its question again.
    if (input.understanding.signals.courtesy) {
      ctx.tried(node, 'the caller greeted or thanked: asked again');
      ctx.say(step, 'prompt', 'question');
      ctx.listen(node);
      return wait;
    }
    return notUnderstood(ctx, step, `did not understand "${input.text.slice(0, 60)}"`);
  },
};
