import { Badge } from '@mantine/core';
import type { QueueLiveFigures } from '@baton/shared';

/** Beside a queue's name in the list: closed, open, or how many callers wait (which wants attention). */
export function QueueLiveBadge({ figures }: { figures: QueueLiveFigures | undefined }) {
  if (!figures) return null;
  if (!figures.open) return <Badge color="gray" variant="light" size="sm" radius="sm">Closed</Badge>;
  if (figures.waiting === 0) return <Badge color="green" variant="light" size="sm" radius="sm">Open</Badge>;
  return <Badge color="orange" variant="light" size="sm" radius="sm">{figures.waiting} waiting</Badge>;
}
