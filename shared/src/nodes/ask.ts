import { z } from 'zod';
import { defineNodeKind } from './defineNodeKind.ts';
import { labelSchema, messageSchema } from './common.ts';

export const valueTypes = ['number', 'amount', 'date', 'email', 'phone', 'yes_no', 'pattern', 'free_text'] as const;
export type ValueType = (typeof valueTypes)[number];

export const askData = z.strictObject({
  label: labelSchema,
  question: messageSchema.min(1, 'write the question'),
  slot: z
    .string()
    .min(1, 'name the value, e.g. "account_number"')
    .max(60)
    .regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and _ (e.g. "account_number")'),
  valueType: z.enum(valueTypes).default('free_text'),
  /** For valueType "pattern": # is a digit, A a letter, * anything; other characters must match. No regular expressions. */
  pattern: z.string().max(40).default(''),
  retries: z.number().int().min(0).max(5).default(2),
  retryText: messageSchema.default("Sorry, I didn't catch that."),
  /** A value to keep hidden (an ID or account number): kept as its last four characters, and the answer is not written down. */
  sensitive: z.boolean().optional(),
});

export const ask = defineNodeKind({
  kind: 'ask',
  label: 'Ask for a detail',
  description: 'Asks the caller for one value (a number, date, email, yes/no…) and keeps it.',
  hasInput: true,
  waits: true,
  schema: askData,
  defaults: {
    label: 'Ask',
    question: 'What is your account number?',
    slot: 'account_number',
    valueType: 'number',
    pattern: '',
    retries: 2,
    retryText: "Sorry, I didn't catch that.",
  },
  ports: () => ['filled', 'failed'],
  slots: (d) => [d.slot],
  messages: (d) => [
    { field: 'question', text: d.question },
    ...(d.retryText ? [{ field: 'retryText', text: d.retryText }] : []),
  ],
  rules: () => [],
  validate: (d, nodeId) =>
    d.valueType === 'pattern' && !d.pattern
      ? [{ code: 'ask_pattern_missing', severity: 'error', nodeId, field: 'data.pattern', message: 'Describe the pattern the answer must match, e.g. "AA######" (# is a digit, A a letter).' }]
      : [],
});
