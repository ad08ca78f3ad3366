import type { CallbackRequest } from '@baton/shared';
import { useState } from 'react';
import { Badge, Group, Paper, Text, Title } from '@mantine/core';
import { CallbackItem } from './CallbackItem.tsx';
import { formatPhone } from './deskFormat.ts';
import { useNow } from './useAgentDesk.ts';

/**
 * Callers who asked to be called back, in the agent's queues, earliest promise first, and the ones this agent took on.
 * A request someone else claims disappears (the state read leaves it out).
 */
export function CallbackList({
  agentId,
  callbacks,
  queueNames,
  onClaimed,
  onChanged,
}: {
  agentId: string;
  callbacks: CallbackRequest[];
  queueNames: ReadonlyMap<string, string>;
  onClaimed: (callback: CallbackRequest) => void;
  onChanged: () => void;
}) {
  const now = useNow(true);
  const [lost, setLost] = useState<string | null>(null);
  const open = callbacks.filter((c) => !c.claimedBy).length;

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label="Callback requests" className="desk-callbacks">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h3">
          Callbacks
        </Title>
        {open > 0 && (
          <Badge variant="light">
            {open} waiting
          </Badge>
        )}
      </Group>
      {lost && (
        <Text size="sm" c="orange.8" role="status" mb="xs">
          {lost}
        </Text>
      )}
      {callbacks.length === 0 ? (
        <Text c="dimmed">No callbacks waiting.</Text>
      ) : (
        <ul className="desk-callbacks__list">
          {callbacks.map((callback) => (
            <CallbackItem
              key={callback.id}
              agentId={agentId}
              callback={callback}
              queueName={queueNames.get(callback.queueId) ?? callback.queueId}
              now={now}
              onClaimed={(claimed) => {
                setLost(null);
                onClaimed(claimed);
              }}
              onTakenByOther={(c) => {
                setLost(`Another agent claimed the callback to ${c.callerName?.trim() || formatPhone(c.phone)} first.`);
                onChanged();
              }}
            />
          ))}
        </ul>
      )}
    </Paper>
  );
}
