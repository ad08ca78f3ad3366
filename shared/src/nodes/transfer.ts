import { z } from 'zod';
import { defineNodeKind } from './defineNodeKind.ts';
import { labelSchema, messageSchema } from './common.ts';

export const transferOutcomes = ['connected', 'no_agent', 'failed'] as const;
export type TransferOutcome = (typeof transferOutcomes)[number];

/**
 * How a transfer went, in more detail than the port it takes: `connected`; `declined` (the person refused it, e.g. after
 * the whisper); `no_answer` (offered, dialled or waited for, and nobody answered in time); `busy` (nobody could take it:
 * everyone busy, nobody signed in, closed, or the wait past the queue's maximum; a busy line); `failed` (it could not be
 * placed). Declined, no answer and busy take `no_agent`. Rules read it as `transfer.outcome`.
 */
export const transferResults = ['connected', 'declined', 'no_answer', 'busy', 'failed'] as const;
export type TransferResult = (typeof transferResults)[number];

/** The port a transfer takes for how it went. */
export const portForResult = (result: TransferResult): TransferOutcome => (result === 'connected' || result === 'failed' ? result : 'no_agent');

/**
 * Who takes the call: Baton's own queues and agent desk, or a destination outside Baton that the telephony channel
 * dials with the packet (a SIP address gets its id and reason as headers; a TaskRouter workflow gets it as the task).
 */
export const transferTargetSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('baton') }),
  z.strictObject({ type: z.literal('sip'), uri: z.string().max(300).regex(/^sips?:[^\s?]+$/, 'write a SIP address such as sip:billing@pbx.example.com') }),
  z.strictObject({ type: z.literal('number'), number: z.string().regex(/^\+[1-9]\d{6,14}$/, 'write the number in international form, e.g. +442071234567') }),
  z.strictObject({ type: z.literal('taskrouter'), workflowSid: z.string().regex(/^WW[0-9a-f]{32}$/, 'a TaskRouter workflow id starts with WW followed by 32 letters and digits') }),
]);
export type TransferTarget = z.infer<typeof transferTargetSchema>;

export const DEFAULT_CONNECTED_TEXT = "You're through to {{agent.firstName}}, who has the details of your call.";
export const DEFAULT_WAITING_TEXT = "Thanks for waiting. You're number {{queue.position}} in line, and the wait is {{queue.waitText}}.";
export const DEFAULT_CALLBACK_OFFER_TEXT = "The wait is longer than we'd like. If you'd rather we call you back, press 1 or say 'call me back'.";

export const transferData = z.strictObject({
  label: labelSchema,
  /** The id of a queue in the flow's settings. */
  queue: z.string().min(1, 'choose the queue that takes the call').max(80),
  skills: z.array(z.string().min(1).max(60)).max(20).default([]),
  /** 0 (normal) to 10 (first in line). */
  priority: z.number().int().min(0).max(10).default(0),
  target: transferTargetSchema.default({ type: 'baton' }),
  /**
   * A phone number or SIP target over Twilio: the person who answers hears the reason and the summary first and
   * presses 1 to take the call, or hangs up to refuse it (the step then takes "no agent", outcome declined).
   * Baton's own desk is always warm: the agent reads the briefing and accepts before the caller is connected.
   */
  warm: z.boolean().default(false),
  /** Said when an agent takes the call; empty says nothing. */
  connectedText: messageSchema.default(DEFAULT_CONNECTED_TEXT),
  /** Said every `updateEverySeconds` while the caller waits; empty says nothing. */
  waitingText: messageSchema.default(DEFAULT_WAITING_TEXT),
  /** 0: no updates while waiting. */
  updateEverySeconds: z.number().int().min(0, 'use 0 for no updates').max(600, 'update at least every 10 minutes, or use 0 for none').default(60),
  /** Said once when the wait grows past the queue's maximum; the caller who says yes takes the `no_agent` path. */
  callbackOfferText: messageSchema.default(DEFAULT_CALLBACK_OFFER_TEXT),
});

export const transfer = defineNodeKind({
  kind: 'transfer',
  label: 'Transfer to a person',
  description: 'Hands the call to an agent in a queue, with everything the AI learned.',
  hasInput: true,
  waits: true,
  schema: transferData,
  defaults: {
    label: 'Transfer', queue: 'general', skills: [], priority: 0, target: { type: 'baton' }, warm: false,
    connectedText: DEFAULT_CONNECTED_TEXT, waitingText: DEFAULT_WAITING_TEXT, updateEverySeconds: 60, callbackOfferText: DEFAULT_CALLBACK_OFFER_TEXT,
  },
  // 'general' only stands in until the flow has a queue; the issues panel says to pick one.
  defaultsIn: (settings) => (settings.queues[0] ? { queue: settings.queues[0].id } : {}),
  // `after_agent` is optional: where the flow goes on when the agent hands the call back to the assistant.
  ports: () => [...transferOutcomes, 'after_agent'],
  // Once connected the agent has the call, and without a way back the agent ends it.
  optionalPorts: ['connected', 'after_agent'],
  portLabels: () => ({ no_agent: 'no agent', after_agent: 'after the agent' }),
  messages: (d) =>
    [
      { field: 'connectedText', text: d.connectedText },
      { field: 'waitingText', text: d.updateEverySeconds > 0 ? d.waitingText : '', waitKnown: true },
      { field: 'callbackOfferText', text: d.callbackOfferText, waitKnown: true },
    ].filter((m) => m.text),
  rules: () => [],
});
