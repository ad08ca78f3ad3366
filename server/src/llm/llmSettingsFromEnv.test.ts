import { describe, expect, it } from 'vitest';
import { llmSettingsFromEnv } from './llmSettingsFromEnv.ts';

describe('llmSettingsFromEnv', () => {
  it('When no base URL is set, then there is no language model', () => {
    expect(llmSettingsFromEnv({ BATON_LLM_MODEL: 'llama3.1' })).toBeUndefined();
  });

  it('When a base URL and model are set, then the timeout defaults to 2.5 s and the key is optional', () => {
    expect(llmSettingsFromEnv({ BATON_LLM_BASE_URL: 'http://localhost:11434/v1', BATON_LLM_MODEL: 'llama3.1' })).toEqual({
      baseUrl: 'http://localhost:11434/v1',
      model: 'llama3.1',
      apiKey: undefined,
      timeoutMs: 2500,
    });
    expect(llmSettingsFromEnv({ BATON_LLM_BASE_URL: 'http://x/v1', BATON_LLM_MODEL: 'm', BATON_LLM_API_KEY: 'k', BATON_LLM_TIMEOUT_MS: '1200' })).toMatchObject({ apiKey: 'k', timeoutMs: 1200 });
  });

  it('When BATON_LLM_JUDGE is on, then the model also judges unsure turns; off or unset, it does not; anything else fails', () => {
    const base = { BATON_LLM_BASE_URL: 'http://x/v1', BATON_LLM_MODEL: 'm' };
    expect(llmSettingsFromEnv({ ...base, BATON_LLM_JUDGE: 'on' })).toMatchObject({ judge: true });
    expect(llmSettingsFromEnv({ ...base, BATON_LLM_JUDGE: 'off' })?.judge).toBeUndefined();
    expect(llmSettingsFromEnv(base)?.judge).toBeUndefined();
    expect(() => llmSettingsFromEnv({ ...base, BATON_LLM_JUDGE: 'sometimes' })).toThrow(/BATON_LLM_JUDGE/);
  });

  it('When the model or the timeout is missing or wrong, then starting fails with what to fix', () => {
    expect(() => llmSettingsFromEnv({ BATON_LLM_BASE_URL: 'http://x/v1' })).toThrow(/BATON_LLM_MODEL/);
    expect(() => llmSettingsFromEnv({ BATON_LLM_BASE_URL: 'http://x/v1', BATON_LLM_MODEL: 'm', BATON_LLM_TIMEOUT_MS: 'soon' })).toThrow(/BATON_LLM_TIMEOUT_MS/);
  });
});
