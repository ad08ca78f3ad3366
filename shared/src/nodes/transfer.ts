import { z } from 'zod';
import { defineNodeKind } from './defineNodeKind.ts';
import { labelSchema } from './common.ts';

export const transferOutcomes = ['connected', 'no_agent', 'failed'] as const;
export type TransferOutcome = (typeof transferOutcomes)[number];

export const transferData = z.object({
  label: labelSchema,
  /** The id of a queue in the flow's settings. */
  queue: z.string().min(1, 'choose the queue that takes the call').max(80),
  skills: z.array(z.string().min(1).max(60)).max(20).default([]),
  /** 0 (normal) to 10 (first in line). */
  priority: z.number().int().min(0).max(10).default(0),
});

export const transfer = defineNodeKind({
  kind: 'transfer',
  label: 'Transfer to a person',
  description: 'Hands the call to an agent in a queue, with everything the AI learned.',
  hasInput: true,
  schema: transferData,
  defaults: { label: 'Transfer', queue: 'general', skills: [], priority: 0 },
  ports: () => [...transferOutcomes],
  messages: () => [],
  rules: () => [],
});
