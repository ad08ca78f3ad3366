import { useState, type ReactNode } from 'react';
import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';

interface DeskActionFormProps {
  /** The form's name for screen readers and tests, e.g. "Transfer the call". */
  name: string;
  title: string;
  intro: string;
  submit: string;
  /** What failing is called in the error's title: "Could not transfer the call". */
  failure: string;
  disabled?: boolean;
  /** Carries the action out; a rejection is shown and the form stays open. */
  run: () => Promise<unknown>;
  onDone: () => void;
  onCancel: () => void;
  children: ReactNode;
}

/** A desk action that takes a few details before it is sent (hand back, transfer): its fields, the send, what went wrong. */
export function DeskActionForm({ name, title, intro, submit, failure, disabled, run, onDone, onCancel, children }: DeskActionFormProps) {
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async () => {
    setSending(true);
    setError(null);
    try {
      await run();
      onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setSending(false);
    }
  };
  return (
    <Paper withBorder p="md" radius="md" mb="sm" component="form" aria-label={name} onSubmit={(e) => {
      e.preventDefault();
      if (!disabled) void send();
    }}>
      <Stack gap="sm">
        <Title order={3}>{title}</Title>
        <Text size="sm" c="dimmed">
          {intro}
        </Text>
        {children}
        {error && (
          <Alert color="red" title={failure}>
            {error}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={sending} disabled={disabled}>
            {submit}
          </Button>
          <Button variant="subtle" onClick={onCancel} disabled={sending}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
