import { useRef } from 'react';
import { Group, Text, Textarea } from '@mantine/core';
import { estimateSpeakingSeconds } from '@baton/shared';
import { VariableMenu } from './VariableMenu.tsx';

interface MessageFieldProps {
  /** Where the text lives in the node's data, e.g. "text". */
  field: string;
  label: string;
  value: unknown;
  error?: string;
  /** A line under the label: when the caller hears it. */
  description?: string;
  /** False for a message said where no wait is known: the variables that speak one are not offered. */
  waitKnown?: boolean;
  onChange(value: string): void;
}

/** Text said to the caller, with about how long it takes to say and a way to insert {{variables}}. */
export function MessageField({ field, label, value, error, description, waitKnown, onChange }: MessageFieldProps) {
  const text = typeof value === 'string' ? value : '';
  const seconds = text.trim() ? Math.max(1, Math.round(estimateSpeakingSeconds(text))) : 0;
  const input = useRef<HTMLTextAreaElement>(null);

  function insert(variable: string) {
    const token = `{{${variable}}}`;
    const start = input.current?.selectionStart ?? text.length;
    const end = input.current?.selectionEnd ?? text.length;
    onChange(text.slice(0, start) + token + text.slice(end));
    requestAnimationFrame(() => {
      input.current?.focus();
      input.current?.setSelectionRange(start + token.length, start + token.length);
    });
  }

  return (
    <div>
      <Textarea ref={input} data-field={field} label={label} description={description} value={text} error={error} autosize minRows={3} maxRows={10} onChange={(event) => onChange(event.currentTarget.value)} />
      <Group justify="space-between" mt={4} wrap="nowrap" align="flex-start">
        <Text size="xs" c="dimmed">
          {seconds ? `About ${seconds} ${seconds === 1 ? 'second' : 'seconds'} to say.` : 'Nothing to say yet.'}
        </Text>
        <VariableMenu field={label} onPick={insert} waitKnown={waitKnown} />
      </Group>
    </div>
  );
}
