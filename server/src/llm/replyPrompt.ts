import type { GeneratedAnswer, GenerativeStep, ConversationLine } from './LanguageModel.ts';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** Enough of the conversation for the model to follow it, few enough tokens to answer within a phone turn. */
const RECENT_LINES = 12;
const MAX_LINE_CHARS = 500;
/** A spoken answer: a long one would keep the caller listening, and cost time to generate. */
export const MAX_REPLY_CHARS = 600;

/** The system prompt and the recent conversation, asking for one JSON object. */
export function replyMessages(step: GenerativeStep, conversation: readonly ConversationLine[]): ChatMessage[] {
  const g = step.data.generative!;
  const intents = step.data.intents.map((i) => `- ${i.name}${i.examples[0] ? ` (e.g. "${i.examples[0]}")` : ''}`);
  const system = [
    'You are the voice assistant of a contact center, speaking with a caller on the phone. Keep answers to one or two short spoken sentences; no lists, no markdown.',
    g.instructions.trim() && `Instructions:\n${g.instructions.trim()}`,
    g.knowledge.trim() && `What you know (answer only from this; if the answer is not here, say you do not know):\n${g.knowledge.trim()}`,
    intents.length > 0 &&
      `When the caller clearly wants one of these, route to it by naming it exactly in "intent" (do not answer it yourself):\n${intents.join('\n')}`,
    g.neverHandle.length > 0 &&
      `Never handle these topics: ${g.neverHandle.map((t) => `"${t}"`).join(', ')}. If the caller raises one, say so by naming it exactly in "neverHandleTopic"; a person will take over.`,
    'Answer with one JSON object only: {"reply": "what you say to the caller", "intent": "intent name or null", "neverHandleTopic": "topic or null"}.',
  ];
  const recent = conversation.slice(-RECENT_LINES).map((line): ChatMessage => ({ role: line.from === 'caller' ? 'user' : 'assistant', content: line.text.slice(0, MAX_LINE_CHARS) }));
  return [{ role: 'system', content: system.filter(Boolean).join('\n\n') }, ...recent];
}

/** Models often wrap JSON in a code fence even when asked not to. */
export function jsonObjectIn(text: string): Record<string, unknown> | null {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return null;
  try {
    const value: unknown = JSON.parse(text.slice(start, end + 1));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const stringField = (o: Record<string, unknown>, key: string) => (typeof o[key] === 'string' ? (o[key] as string).trim() : '');

/**
 * The model's answer, kept only where it fits the step: an intent it has, a topic from its never-handle list (matched
 * without regard to case). Null when nothing usable is left: a malformed answer counts as no answer.
 */
export function parseReply(text: string, step: GenerativeStep): GeneratedAnswer | null {
  const o = jsonObjectIn(text);
  if (!o) return null;
  const reply = stringField(o, 'reply').slice(0, MAX_REPLY_CHARS);
  const intentName = stringField(o, 'intent');
  const intent = step.data.intents.find((i) => i.name === intentName || i.name.toLowerCase() === intentName.toLowerCase())?.name;
  const topicName = stringField(o, 'neverHandleTopic').toLowerCase();
  const neverHandleTopic = step.data.generative?.neverHandle.find((t) => topicName !== '' && t.toLowerCase() === topicName);
  if (!reply && !intent && !neverHandleTopic) return null;
  return { reply, ...(intent ? { intent } : {}), ...(neverHandleTopic ? { neverHandleTopic } : {}) };
}
