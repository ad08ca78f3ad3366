import { Group, Text } from '@mantine/core';
import type { AgentLiveStatus } from '@baton/shared';
import { AgentStatusBadge } from './AgentStatusBadge.tsx';
import { clockWords } from './liveWords.ts';

const callsWords = (calls: number) => (calls === 0 ? 'No calls now' : calls === 1 ? 'On 1 call now' : `On ${calls} calls now`);

/** An agent right now: their status as set at the agent desk (or by their calls), since when, and their calls. */
export function AgentLiveCard({ status, error }: { status: AgentLiveStatus | undefined; error: string | null }) {
  return (
    <Group gap="sm" component="section" aria-label="Right now" wrap="wrap">
      <Text fw={600}>Right now</Text>
      {status ? (
        <>
          <AgentStatusBadge status={status.status} />
          {status.since && <Text size="sm">since {clockWords(status.since)}</Text>}
          <Text size="sm" c="dimmed">
            · {callsWords(status.calls)}
          </Text>
        </>
      ) : (
        <Text size="sm" c="dimmed">
          {error ? `Could not get the live status: ${error}.` : 'Getting the live status…'}
        </Text>
      )}
    </Group>
  );
}
