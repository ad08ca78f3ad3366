import { useState } from 'react';
import { Alert, Button, Group, Paper, Text, Title } from '@mantine/core';
import { BriefingCard } from '../briefing/BriefingCard.tsx';
import { acceptOffer, declineOffer, type DeskOffer } from './deskApi.ts';
import { useNow } from './useAgentDesk.ts';

/** "45 seconds", "1 minute 5 seconds". */
export function formatTimeLeft(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  const s = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (!minutes) return s(seconds, 'second');
  return seconds ? `${s(minutes, 'minute')} ${s(seconds, 'second')}` : s(minutes, 'minute');
}

/** A call offered to this agent: the briefing first, then the time left and the answer. */
export function OfferCard({ offer, onAnswered }: { offer: DeskOffer; onAnswered: () => void }) {
  const now = useNow(true);
  const [busy, setBusy] = useState<'accept' | 'decline' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const left = new Date(offer.expiresAt).getTime() - now;
  const caller = offer.packet.caller.name?.trim();
  const title = caller ? `Incoming call from ${caller}` : 'Incoming call';

  const answer = async (how: 'accept' | 'decline') => {
    setBusy(how);
    setError(null);
    try {
      await (how === 'accept' ? acceptOffer(offer.offerId) : declineOffer(offer.offerId));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
      onAnswered();
    }
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title} className="agent-desk__offer">
      <Title order={2}>{title}</Title>
      <Text c="dimmed" mb="sm">
        Queue: {offer.queueName ?? offer.queueId}. Read the briefing, then answer.
      </Text>
      <BriefingCard packet={offer.packet} title="Briefing" />
      <Group mt="md" justify="space-between" wrap="wrap">
        <Text fw={600} role="timer" aria-live="off" c={left < 10_000 ? 'red' : undefined}>
          {left > 0 ? `${formatTimeLeft(left)} left to answer` : 'Time is up — this call is going to someone else'}
        </Text>
        <Group>
          <Button variant="default" onClick={() => void answer('decline')} loading={busy === 'decline'} disabled={busy !== null}>
            Decline
          </Button>
          <Button onClick={() => void answer('accept')} loading={busy === 'accept'} disabled={busy !== null || left <= 0}>
            Accept
          </Button>
        </Group>
      </Group>
      {error && (
        <Alert color="red" mt="sm" title="Could not answer this call">
          {error}. It may have gone to someone else or the caller may have left.
        </Alert>
      )}
    </Paper>
  );
}
