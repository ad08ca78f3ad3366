import type { VoiceEvidence } from '@baton/shared';
import type { SharedCalls } from '../../store/types.ts';
import type { VoiceSource } from '../twilio/TwilioChannel.ts';
import type { VoiceLevels } from './VoiceLevels.ts';

/**
 * Several instances: a phone call's media stream is connected to one instance, its webhooks reach any. The voice
 * evidence of a turn is taken where the stream is — here, or by asking the other instances through Redis.
 */
export class SharedVoice implements VoiceSource {
  constructor(
    private readonly local: VoiceLevels,
    private readonly shared: Pick<SharedCalls, 'askVoice' | 'answerVoice'>,
  ) {
    shared.answerVoice((callSid, take) => (local.has(callSid) ? { ...(take ? { evidence: local.take(callSid) } : {}), streaming: local.streaming(callSid) } : undefined));
  }

  async take(callSid: string): Promise<VoiceEvidence | undefined> {
    if (this.local.has(callSid)) return this.local.take(callSid);
    return (await this.shared.askVoice(callSid, true))?.evidence;
  }

  /** Whether the call's audio streams to any instance now (so a webhook elsewhere need not start another stream). */
  async streaming(callSid: string): Promise<boolean> {
    if (this.local.streaming(callSid)) return true;
    return (await this.shared.askVoice(callSid, false))?.streaming ?? false;
  }
}
