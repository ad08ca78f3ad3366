import { DEFAULT_SAFETY_MESSAGE, flowSettingsSchema, handoffCategories, type FlowSettings, type HandoffCategory } from '@baton/shared';

/** A queue row as the form holds it: the wait may be half-typed (empty). */
export interface QueueDraft {
  id: string;
  name: string;
  typicalWaitSeconds: number | '';
}

/** The flow settings as the form holds them; an empty reason text means the default wording. */
export interface SettingsDraft {
  reasonTexts: Record<HandoffCategory, string>;
  queues: QueueDraft[];
  sensitiveKeywords: string[];
  zeroOutToAgent: boolean;
  /** The confidence threshold as a whole percentage, 0–100. */
  confidencePercent: number;
  /** Empty: the server's default voice and accent. */
  phoneVoice: string;
  phoneLanguage: string;
  /** What a caller who may be in danger hears when no agent can take the call; empty: the default. */
  safetyMessage: string;
}

export function toDraft(settings: FlowSettings): SettingsDraft {
  return {
    reasonTexts: Object.fromEntries(handoffCategories.map((c) => [c, settings.reasonTexts[c] ?? ''])) as Record<HandoffCategory, string>,
    queues: settings.queues.map((q) => ({ ...q })),
    sensitiveKeywords: [...settings.sensitiveKeywords],
    zeroOutToAgent: settings.zeroOutToAgent,
    confidencePercent: Math.round(settings.confidenceThreshold * 100),
    phoneVoice: settings.phone?.voice ?? '',
    phoneLanguage: settings.phone?.language ?? '',
    safetyMessage: settings.safetyMessage === DEFAULT_SAFETY_MESSAGE ? '' : settings.safetyMessage,
  };
}

/** A message an admin can act on, for a field the schema refused (keyed "reasonTexts.frustration", "queues.0.name"…). */
function plainMessage(path: readonly PropertyKey[]): string {
  const [field, index, part] = path;
  switch (field) {
    case 'reasonTexts':
      return 'Keep this to 300 characters or fewer.';
    case 'queues':
      if (part === 'name') return 'Write the name callers hear, in 80 characters or fewer.';
      if (part === 'typicalWaitSeconds') return 'Enter a whole number of seconds, from 0 to 86400 (one day).';
      if (part === 'id') return 'This queue’s id is not valid; remove the queue and add it again from Settings → Queues.';
      return 'A flow can hand calls to at most 100 queues.';
    case 'sensitiveKeywords':
      return index === undefined ? 'Keep the list to 200 words or phrases.' : 'Keep each word or phrase to 80 characters or fewer.';
    case 'confidenceThreshold':
      return 'Choose a value from 0 % to 100 %.';
    case 'safetyMessage':
      return 'Keep this to 600 characters or fewer.';
    case 'phone':
      return 'Write a voice name with letters, digits, dots and dashes only, such as Polly.Amy.';
    default:
      return 'This value is not valid.';
  }
}

/**
 * The settings to store, checked with the shared schema, or why not, per field. `base` keeps the settings
 * the form does not show (the language). Reason texts left empty are left out, so the default wording applies.
 */
export function fromDraft(base: FlowSettings, draft: SettingsDraft): { settings?: FlowSettings; errors: Map<string, string> } {
  const reasonTexts = Object.fromEntries(
    handoffCategories.flatMap((c) => {
      const text = draft.reasonTexts[c].trim();
      return text ? [[c, text]] : [];
    }),
  );
  const candidate = {
    ...base,
    confidenceThreshold: draft.confidencePercent / 100,
    sensitiveKeywords: draft.sensitiveKeywords.map((k) => k.trim()).filter(Boolean),
    zeroOutToAgent: draft.zeroOutToAgent,
    reasonTexts,
    safetyMessage: draft.safetyMessage.trim() || DEFAULT_SAFETY_MESSAGE,
    queues: draft.queues.map((q) => ({ id: q.id, name: q.name.trim(), typicalWaitSeconds: q.typicalWaitSeconds })),
    phone: {
      ...(draft.phoneVoice.trim() ? { voice: draft.phoneVoice.trim() } : {}),
      ...(draft.phoneLanguage ? { language: draft.phoneLanguage } : {}),
    },
  };
  const result = flowSettingsSchema.safeParse(candidate);
  if (result.success) return { settings: result.data, errors: new Map() };
  const errors = new Map<string, string>();
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.');
    if (!errors.has(key)) errors.set(key, plainMessage(issue.path));
  }
  return { errors };
}

/** The first error under a field, e.g. any keyword's for the keyword list. */
export const errorUnder = (errors: Map<string, string>, field: string): string | undefined =>
  [...errors].find(([key]) => key === field || key.startsWith(`${field}.`))?.[1];
