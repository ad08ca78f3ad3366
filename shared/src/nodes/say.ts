import { z } from 'zod';
import { defineNodeKind } from './defineNodeKind.ts';
import { labelSchema, messageSchema } from './common.ts';

export const sayData = z.strictObject({ label: labelSchema, text: messageSchema.min(1, 'write what to say') });

export const say = defineNodeKind({
  kind: 'say',
  label: 'Say something',
  description: 'Speaks a message to the caller, then moves on.',
  hasInput: true,
  waits: false,
  schema: sayData,
  defaults: { label: 'Say', text: 'Let me check that for you.' },
  ports: () => ['next'],
  messages: (d) => [{ field: 'text', text: d.text }],
  rules: () => [],
});
