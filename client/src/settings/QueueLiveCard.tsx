import { Group, Stack, Text } from '@mantine/core';
import type { QueueLiveFigures } from '@baton/shared';
import { queueLiveParts, serviceLevelWords } from './liveWords.ts';
import './live.css';

/** A queue right now, in one line a supervisor can read at a glance; refreshed by the page. */
export function QueueLiveCard({ figures, error }: { figures: QueueLiveFigures | undefined; error: string | null }) {
  return (
    <Stack gap={4} component="section" aria-label="Right now">
      <Group justify="space-between" align="baseline">
        <Text fw={600}>Right now</Text>
        <Text size="xs" c="dimmed">
          Updates every 5 seconds
        </Text>
      </Group>
      {figures ? (
        <>
          <Text className={figures.open ? 'live-line' : 'live-line live-line--closed'} role="status">
            {queueLiveParts(figures).join(' · ')}
          </Text>
          <Text size="sm" c="dimmed">
            {serviceLevelWords(figures.serviceLevel)}.
          </Text>
        </>
      ) : (
        <Text size="sm" c="dimmed">
          {error ? `Could not get the live figures: ${error}.` : 'Getting the live figures…'}
        </Text>
      )}
    </Stack>
  );
}
