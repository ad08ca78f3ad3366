import type { CallSession } from '../engine/CallSession.ts';
import type { RuntimeFlow } from '../engine/RuntimeFlow.ts';
import { readWords } from '../engine/understandTurn.ts';
import type { JudgeQuestion } from '../llm/judgePrompt.ts';
import { signalModel } from '../signals/index.ts';

/** How far either side of a detector's recommended threshold a probability counts as unsure. */
export const UNSURE_WITHIN = 0.2;
/** Below the safety threshold but above this, a turn is worth a second look: a missed safety matter costs the most. */
const SAFETY_WORTH_ASKING = 0.05;

/** What the learned detectors are unsure of in these words, at the call's current step: the judge's questions. */
export function uncertainQuestions(flow: RuntimeFlow, session: CallSession, text: string, at: string): JudgeQuestion[] {
  const here = flow.steps.get(session.nodeId);
  if (!here) return [];
  const words = readWords(flow, here, text, at);
  const t = signalModel().thresholds;
  const unsure = (p: number, threshold: number) => Math.abs(p - threshold) < UNSURE_WITHIN;
  const questions: JudgeQuestion[] = [];
  if (unsure(words.explicitRequest.probability, t.person)) questions.push('person');
  if (unsure(words.sensitive.topics.reduce((sum, s) => sum + s.probability, 0), t.sensitive)) questions.push('topic');
  if (unsure(words.frustration.probability, t.frustration)) questions.push('frustrated');
  if (!words.safety.atRisk && words.safety.probability >= SAFETY_WORTH_ASKING) questions.push('inDanger');
  return questions;
}
