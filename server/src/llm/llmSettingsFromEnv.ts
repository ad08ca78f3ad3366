import type { LlmSettings } from './LanguageModel.ts';

export const DEFAULT_LLM_TIMEOUT_MS = 2500;

/**
 * The language model from `BATON_LLM_BASE_URL`, `BATON_LLM_MODEL`, `BATON_LLM_API_KEY`, `BATON_LLM_TIMEOUT_MS` and `BATON_LLM_JUDGE`;
 * undefined when no base URL is set (Baton then runs on its embedded NLU alone). Throws on a half-done setting, so a
 * typo shows at start-up rather than as an AI that never answers in its own words.
 */
export function llmSettingsFromEnv(env: Record<string, string | undefined>): LlmSettings | undefined {
  const baseUrl = env.BATON_LLM_BASE_URL?.trim();
  if (!baseUrl) return undefined;
  const model = env.BATON_LLM_MODEL?.trim();
  if (!model) throw new Error('BATON_LLM_BASE_URL is set but BATON_LLM_MODEL is not: name the model to use (e.g. llama3.1:8b), or unset BATON_LLM_BASE_URL.');
  const timeoutText = env.BATON_LLM_TIMEOUT_MS?.trim();
  const timeoutMs = timeoutText ? Number(timeoutText) : DEFAULT_LLM_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 60_000) {
    throw new Error(`BATON_LLM_TIMEOUT_MS must be a whole number of milliseconds between 100 and 60000 (got "${timeoutText}").`);
  }
  const apiKey = env.BATON_LLM_API_KEY?.trim() || undefined;
  const judgeText = env.BATON_LLM_JUDGE?.trim().toLowerCase() ?? '';
  if (!['', 'on', 'off', '1', '0', 'true', 'false'].includes(judgeText)) throw new Error(`BATON_LLM_JUDGE must be "on" or "off" (got "${env.BATON_LLM_JUDGE}").`);
  const judge = ['on', '1', 'true'].includes(judgeText);
  return { baseUrl, model, apiKey, timeoutMs, ...(judge ? { judge } : {}) };
}
