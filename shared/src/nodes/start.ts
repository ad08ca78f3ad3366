import { z } from 'zod';
import { defineNodeKind } from './defineNodeKind.ts';
import { labelSchema, messageSchema } from './common.ts';

export const startData = z.strictObject({ label: labelSchema, greeting: messageSchema.default('') });

export const start = defineNodeKind({
  kind: 'start',
  label: 'Call starts',
  description: 'Where every call begins; can greet the caller.',
  hasInput: false,
  waits: false,
  schema: startData,
  defaults: { label: 'Call starts', greeting: 'Hello, thanks for calling.' },
  ports: () => ['next'],
  messages: (d) => (d.greeting ? [{ field: 'greeting', text: d.greeting }] : []),
  rules: () => [],
});
