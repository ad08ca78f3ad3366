import { sensitiveTopics, type SensitiveTopic, type TurnJudgement } from '@baton/shared';
import type { ConversationLine } from './LanguageModel.ts';
import { jsonObjectIn, type ChatMessage } from './replyPrompt.ts';

/** What the judge may be asked about a caller's latest turn. */
export type JudgeQuestion = keyof TurnJudgement;

const RECENT_LINES = 6;
const MAX_LINE_CHARS = 500;

const QUESTIONS: Record<JudgeQuestion, string> = {
  person: '"person": true if the caller, in their latest words, asks to talk to a human (agent, person, someone real); false if they only mention one, ask about the process, or say they do not need one.',
  topic: `"topic": the sensitive matter the latest words raise, one of ${sensitiveTopics.map((t) => `"${t}"`).join(', ')} ("vulnerability" is financial hardship or a vulnerable situation), or null if none (a matter that is settled or only borrowed words is null).`,
  frustrated: '"frustrated": true if the caller is annoyed, angry, sarcastic or fed up with the service in their latest words; false for a calm report of a problem.',
  inDanger: '"inDanger": true if the caller or someone with them may be in danger or at risk of harming themselves (self-harm, suicide, violence, an emergency now).',
};

/** Asks only the questions the detectors were unsure of, for one JSON object with exactly those keys. */
export function judgeMessages(conversation: readonly ConversationLine[], questions: readonly JudgeQuestion[]): ChatMessage[] {
  const system = [
    'You check a contact-center call for an automated assistant. Read the conversation and judge only the caller\'s latest words.',
    `Answer with one JSON object only, with exactly these keys:\n${questions.map((q) => `- ${QUESTIONS[q]}`).join('\n')}`,
  ].join('\n\n');
  const recent = conversation.slice(-RECENT_LINES).map((line): ChatMessage => ({ role: line.from === 'caller' ? 'user' : 'assistant', content: line.text.slice(0, MAX_LINE_CHARS) }));
  return [{ role: 'system', content: system }, ...recent];
}

/**
 * The judgement, kept only when the answer is exactly what was asked: each asked key with a value of its type (a topic
 * from the list or null). Anything else is no answer, and the learned detectors' decision stands.
 */
export function parseJudgement(text: string, questions: readonly JudgeQuestion[]): TurnJudgement | null {
  const o = jsonObjectIn(text);
  if (!o) return null;
  const judgement: TurnJudgement = {};
  for (const q of questions) {
    const value = o[q];
    if (q === 'topic') {
      if (value !== null && !(typeof value === 'string' && (sensitiveTopics as readonly string[]).includes(value))) return null;
      judgement.topic = value as SensitiveTopic | null;
    } else {
      if (typeof value !== 'boolean') return null;
      judgement[q] = value;
    }
  }
  return judgement;
}
