import { Badge } from '@mantine/core';
import type { AgentStatus } from '@baton/shared';
import { agentStatusLooks } from './liveWords.ts';

/** An agent's live status as a coloured badge: Available, On a call, Wrap-up, Away, Signed out. */
export function AgentStatusBadge({ status }: { status: AgentStatus }) {
  const { label, color } = agentStatusLooks[status];
  return (
    <Badge color={color} variant="light" size="sm" radius="sm">
      {label}
    </Badge>
  );
}
