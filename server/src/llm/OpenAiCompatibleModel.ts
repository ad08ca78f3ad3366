import type { HandoffPacket, TurnJudgement } from '@baton/shared';
import OpenAI, { BadRequestError } from 'openai';
import type { ConversationLine, GeneratedAnswer, GenerativeStep, LanguageModel, LlmSettings } from './LanguageModel.ts';
import { judgeMessages, parseJudgement, type JudgeQuestion } from './judgePrompt.ts';
import { parseReply, replyMessages, type ChatMessage } from './replyPrompt.ts';
import { parseSummary, summaryMessages } from './summaryPrompt.ts';

/** Why the model gave no answer: for the server's log, never the caller. */
export type LlmFailureListener = (error: unknown, task: 'reply' | 'summary' | 'judgement') => void;

/** Answers and summaries cost tokens, and tokens cost time on the phone. */
const MAX_REPLY_TOKENS = 300;

/**
 * Any OpenAI-compatible chat-completions server (OpenAI, Ollama, vLLM, llama.cpp) through the `openai` client: no
 * retries (a phone turn cannot wait for a second try), and each request is cut off at the timeout.
 */
export class OpenAiCompatibleModel implements LanguageModel {
  private readonly client: OpenAI;
  /** Servers that refuse `response_format` are asked again without it from the next request on. */
  private jsonMode = true;

  constructor(
    private readonly settings: LlmSettings,
    private readonly onFailure: LlmFailureListener = () => {},
  ) {
    // Local servers take no key; the client insists on one, so any text does.
    this.client = new OpenAI({ baseURL: settings.baseUrl, apiKey: settings.apiKey ?? 'none', timeout: settings.timeoutMs, maxRetries: 0 });
  }

  async generateReply(step: GenerativeStep, conversation: readonly ConversationLine[], signal?: AbortSignal): Promise<GeneratedAnswer | null> {
    const text = await this.complete(replyMessages(step, conversation), true, 'reply', signal);
    if (text === null) return null;
    const answer = parseReply(text, step);
    if (!answer) this.onFailure(new Error(`the model's answer was not the JSON asked for: ${text.slice(0, 200)}`), 'reply');
    return answer;
  }

  get judgesTurns(): boolean {
    return this.settings.judge === true;
  }

  async judge(conversation: readonly ConversationLine[], questions: readonly JudgeQuestion[], signal?: AbortSignal): Promise<TurnJudgement | null> {
    const text = await this.complete(judgeMessages(conversation, questions), true, 'judgement', signal);
    if (text === null) return null;
    const judgement = parseJudgement(text, questions);
    if (!judgement) this.onFailure(new Error(`the model's judgement was not the JSON asked for: ${text.slice(0, 200)}`), 'judgement');
    return judgement;
  }

  async summarize(packet: HandoffPacket, signal?: AbortSignal): Promise<string | null> {
    const text = await this.complete(summaryMessages(packet), false, 'summary', signal);
    return text === null ? null : parseSummary(text);
  }

  private async complete(messages: ChatMessage[], json: boolean, task: 'reply' | 'summary' | 'judgement', signal?: AbortSignal): Promise<string | null> {
    const timeout = AbortSignal.timeout(this.settings.timeoutMs);
    const useJsonMode = json && this.jsonMode;
    try {
      const completion = await this.client.chat.completions.create(
        {
          model: this.settings.model,
          messages,
          temperature: 0.2,
          max_tokens: MAX_REPLY_TOKENS,
          ...(useJsonMode ? { response_format: { type: 'json_object' as const } } : {}),
        },
        { signal: signal ? AbortSignal.any([signal, timeout]) : timeout, timeout: this.settings.timeoutMs, maxRetries: 0 },
      );
      const content = completion.choices?.[0]?.message?.content;
      if (typeof content !== 'string') throw new Error('the model answered without any text');
      return content;
    } catch (error) {
      if (useJsonMode && error instanceof BadRequestError && /response_format|json/i.test(error.message)) this.jsonMode = false;
      this.onFailure(error, task);
      return null;
    }
  }
}
