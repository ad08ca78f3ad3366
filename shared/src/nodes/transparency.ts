import { z } from 'zod';
import { defineNodeKind } from './defineNodeKind.ts';
import { labelSchema, messageSchema } from './common.ts';

export const transparencyData = z.strictObject({
  label: labelSchema,
  /** What is happening, why, and what to expect next. */
  text: messageSchema.min(1, 'tell the caller what happens next and why'),
});

export const transparency = defineNodeKind({
  kind: 'transparency',
  label: 'Tell the caller',
  description: 'Tells the caller they are being handed to a person, why, and how long it may take.',
  hasInput: true,
  schema: transparencyData,
  defaults: {
    label: 'Tell the caller',
    text: "I'm connecting you to {{queue.name}} because {{handoff.reasonText}}. The wait is {{queue.waitText}}.",
  },
  ports: () => ['next'],
  messages: (d) => [{ field: 'text', text: d.text }],
  rules: () => [],
});
