import type { HandoffPacket } from '@baton/shared';
import type { ChatMessage } from './replyPrompt.ts';

const RECENT_LINES = 20;
const MAX_LINE_CHARS = 300;
const MAX_SUMMARY_LINE_CHARS = 200;

/** What the agent needs in three lines, from the packet's facts (never its raw log in full). */
export function summaryMessages(packet: HandoffPacket): ChatMessage[] {
  const facts = {
    reason: packet.reason.explanation,
    intents: [...new Set(packet.intents.map((i) => i.name))],
    collected: packet.slots,
    stepsTried: packet.stepsTried.map((s) => `${s.label}: ${s.outcome}`).slice(-10),
    conversation: packet.transcript.slice(-RECENT_LINES).map((t) => `${t.from}: ${t.text.slice(0, MAX_LINE_CHARS)}`),
  };
  return [
    {
      role: 'system',
      content:
        'You brief a contact-center agent who is taking over a call from an AI assistant. Write exactly three short lines, plain text, no bullets or numbering: ' +
        '1) what the caller wants, 2) what was already collected or answered, 3) why the AI handed over. Use only the facts given.',
    },
    { role: 'user', content: JSON.stringify(facts) },
  ];
}

/** Up to three non-empty lines, with any bullets or numbering taken off; null when there are none. */
export function parseSummary(text: string): string | null {
  const lines = text
    .split('\n')
    .map((l) => l.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, '').trim())
    .filter(Boolean)
    .slice(0, 3)
    .map((l) => l.slice(0, MAX_SUMMARY_LINE_CHARS));
  return lines.length > 0 ? lines.join('\n') : null;
}
