import type { Detector, HandoffCategory } from '@baton/shared';

/** What each detector watches, as a heading in the inspector. */
export const signalNames: Record<Detector['signal'], string> = {
  explicit_request: 'Caller asks for a person',
  negative_sentiment: 'Caller sounds frustrated',
  raised_voice: 'Raised voice',
  repeated_question: 'Repeated question',
  sensitive_topic: 'Sensitive topic',
  out_of_scope: 'Out-of-scope request',
  no_match: 'AI does not understand',
  low_asr_confidence: 'Caller hard to hear',
  turn_limit: 'Call gets long',
};

/** Why the handoff happens, as the caller is told it. */
export const categoryNames: Record<HandoffCategory, string> = {
  explicit_request: 'The caller asked for a person',
  frustration: 'The caller is frustrated',
  complex_or_sensitive: 'Complex or sensitive matter',
  ai_limit: 'The AI reached its limits',
  custom: 'Another reason',
};
