/** How Baton talks to Twilio; read from the environment by main.ts, passed in by tests. */
export interface TwilioSettings {
  /** Without it every /twilio request is refused: Baton never accepts a webhook it cannot verify. */
  authToken?: string;
  /** The URL Twilio calls Baton at (what it signs), e.g. https://baton.example.com; else the request's own protocol and host. */
  publicUrl?: string;
  /** Flow id or name that answers numbers without a binding. */
  defaultFlow?: string;
  /** Twilio `<Say>` voice, e.g. Polly.Amy. */
  voice?: string;
  /** Language for `<Say>` and speech recognition, e.g. en-GB. */
  language?: string;
}

export const DEFAULT_TWILIO_VOICE = 'Polly.Amy';
export const DEFAULT_TWILIO_LANGUAGE = 'en-GB';

/** `TWILIO_AUTH_TOKEN`, `BATON_PUBLIC_URL`, `BATON_TWILIO_DEFAULT_FLOW`, `BATON_TWILIO_VOICE`, `BATON_TWILIO_LANGUAGE`. */
export function twilioSettingsFromEnv(env: NodeJS.ProcessEnv): TwilioSettings {
  const set = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);
  return {
    authToken: set(env.TWILIO_AUTH_TOKEN),
    publicUrl: set(env.BATON_PUBLIC_URL),
    defaultFlow: set(env.BATON_TWILIO_DEFAULT_FLOW),
    voice: set(env.BATON_TWILIO_VOICE),
    language: set(env.BATON_TWILIO_LANGUAGE),
  };
}
