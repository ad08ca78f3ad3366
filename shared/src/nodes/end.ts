import { z } from 'zod';
import { defineNodeKind } from './defineNodeKind.ts';
import { labelSchema, messageSchema } from './common.ts';

export const dispositions = ['resolved', 'transferred', 'callback', 'abandoned', 'other'] as const;

export const endData = z.strictObject({
  label: labelSchema,
  message: messageSchema.default(''),
  disposition: z.enum(dispositions).default('resolved'),
});

export const end = defineNodeKind({
  kind: 'end',
  label: 'End the call',
  description: 'Says goodbye and ends the call, recording how it ended.',
  hasInput: true,
  waits: true,
  schema: endData,
  defaults: { label: 'End', message: 'Thanks for calling. Goodbye.', disposition: 'resolved' },
  ports: () => [],
  messages: (d) => (d.message ? [{ field: 'message', text: d.message }] : []),
  rules: () => [],
});
