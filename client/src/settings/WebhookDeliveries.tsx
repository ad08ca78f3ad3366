import { useCallback } from 'react';
import { Badge, Stack, Table, Text } from '@mantine/core';
import type { WebhookDelivery } from '@baton/shared';
import { clockWords, deliveryLooks, deliveryProblemWords } from './liveWords.ts';
import { LIVE_REFRESH_MS } from './useLiveFigures.ts';
import { usePolling } from './usePolling.ts';
import { fetchWebhookDeliveries } from './staffingApi.ts';
import './live.css';

const shortCallId = (callId: string) => (callId.length > 8 ? `${callId.slice(0, 8)}…` : callId);

function DeliveryRow({ d }: { d: WebhookDelivery }) {
  const { label, color } = deliveryLooks[d.state];
  const problem = deliveryProblemWords(d);
  return (
    <Table.Tr className={d.state === 'failed' ? 'delivery delivery--failed' : 'delivery'}>
      <Table.Td>
        <time dateTime={d.startedAt}>{clockWords(d.startedAt)}</time>
      </Table.Td>
      <Table.Td title={d.callId}>{shortCallId(d.callId)}</Table.Td>
      <Table.Td>
        <Badge color={color} variant={d.state === 'failed' ? 'filled' : 'light'} size="sm" radius="sm">
          {label}
        </Badge>
      </Table.Td>
      <Table.Td>{d.attempts}</Table.Td>
      <Table.Td>{d.lastStatus ?? '—'}</Table.Td>
      <Table.Td c={d.state === 'failed' ? 'red.8' : undefined}>{problem ?? '—'}</Table.Td>
    </Table.Tr>
  );
}

/** The queue's latest handovers sent to its webhook, newest first, refreshed while shown; failures in red. */
export function WebhookDeliveries({ queueId }: { queueId: string }) {
  const load = useCallback((signal: AbortSignal) => fetchWebhookDeliveries(queueId, signal), [queueId]);
  const { data, error } = usePolling(load, LIVE_REFRESH_MS);
  const failed = data?.filter((d) => d.state === 'failed').length ?? 0;
  return (
    <Stack gap="xs" component="section" aria-label="Recent handovers sent">
      <Text fw={600}>Recent handovers sent</Text>
      {error && <Text c="red" size="sm" role="alert">Could not load the recent handovers: {error}.</Text>}
      {data && data.length === 0 && (
        <Text size="sm" c="dimmed">
          Nothing sent yet. Each call handed to this queue will be listed here with whether it arrived.
        </Text>
      )}
      {failed > 0 && (
        <Text size="sm" c="red.8" fw={600}>
          {failed === 1 ? '1 handover' : `${failed} handovers`} did not reach the other system.
        </Text>
      )}
      {data && data.length > 0 && (
        <Table className="deliveries" fz="sm" verticalSpacing={6} aria-label="Recent handovers sent">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Sent at</Table.Th>
              <Table.Th>Call</Table.Th>
              <Table.Th>Result</Table.Th>
              <Table.Th>Tries</Table.Th>
              <Table.Th>Reply code</Table.Th>
              <Table.Th>What went wrong</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.map((d) => (
              <DeliveryRow key={d.id} d={d} />
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
