import { z } from 'zod';
import { defineNodeKind } from './defineNodeKind.ts';
import { labelSchema, messageSchema } from './common.ts';

export const DEFAULT_TRANSPARENCY_TEXT = "I'm connecting you to {{queue.name}} because {{handoff.reasonText}}. The wait is {{queue.waitText}}.";
export const DEFAULT_BUSY_TEXT = "I'd like to put you through to {{queue.name}} because {{handoff.reasonText}}, but nobody there is free to take your call right now.";
export const DEFAULT_CLOSED_TEXT = "I'd like to put you through to {{queue.name}} because {{handoff.reasonText}}, but they're closed right now. They open again {{queue.opensText}}.";

/**
 * What the caller is told before the transfer that follows, by what routing expects for it, worked out before anything
 * is said: someone can take the call (with the wait), nobody can now (nobody with the skills signed in, or the wait is
 * past the queue's maximum), or the queue is closed. Only the first may speak a wait: the others have none to tell.
 */
export const transparencyData = z.strictObject({
  label: labelSchema,
  /** Someone can take the call: what is happening, why, and the wait. */
  text: messageSchema.min(1, 'tell the caller what happens next and why'),
  /** Nobody can take the call now: why it was going to a person, and that nobody is free (the flow's no-agent path goes on). */
  busyText: messageSchema.min(1, 'tell the caller that nobody is free right now').default(DEFAULT_BUSY_TEXT),
  /** The queue is closed: why, and when it opens again. */
  closedText: messageSchema.min(1, 'tell the caller the team is closed, and when it opens').default(DEFAULT_CLOSED_TEXT),
});

export const transparency = defineNodeKind({
  kind: 'transparency',
  label: 'Tell the caller',
  description: 'Tells the caller they are being handed to a person, why, and how long it may take; or, when nobody can take the call now, that and why.',
  hasInput: true,
  waits: false,
  schema: transparencyData,
  defaults: { label: 'Tell the caller', text: DEFAULT_TRANSPARENCY_TEXT, busyText: DEFAULT_BUSY_TEXT, closedText: DEFAULT_CLOSED_TEXT },
  ports: () => ['next'],
  messages: (d) => [
    { field: 'text', text: d.text, waitKnown: true },
    { field: 'busyText', text: d.busyText },
    { field: 'closedText', text: d.closedText },
  ],
  rules: () => [],
});
