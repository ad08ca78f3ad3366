import type { CallbackRequest } from '@baton/shared';
import { useState } from 'react';
import { Alert, Button, Group, Text } from '@mantine/core';
import { ApiError } from '../api/fetchJson.ts';
import { claimCallback } from './deskApi.ts';
import { formatPhone, formatTime, formatWindow } from './deskFormat.ts';

/** One callback request: who to call, when it was promised, why; and the button to take it on. */
export function CallbackItem({
  agentId,
  callback,
  queueName,
  now,
  onClaimed,
  onTakenByOther,
}: {
  agentId: string;
  callback: CallbackRequest;
  queueName: string;
  now: number;
  onClaimed: (callback: CallbackRequest) => void;
  onTakenByOther: (callback: CallbackRequest) => void;
}) {
  const [claiming, setClaiming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = callback.callerName?.trim();
  const phone = formatPhone(callback.phone);
  const mine = callback.claimedBy?.agentId === agentId;
  const late = new Date(callback.window.to).getTime() < now;

  const claim = async () => {
    setClaiming(true);
    setError(null);
    try {
      onClaimed(await claimCallback(callback.id, agentId));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'callback_already_claimed') onTakenByOther(callback);
      else setError(e instanceof Error ? e.message : String(e));
    } finally {
      setClaiming(false);
    }
  };

  return (
    <li className={`desk-callback${mine ? ' desk-callback--mine' : ''}`} aria-label={`Callback to ${name ?? phone}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <div>
          {callback.urgent && (
            <Text fw={700} c="red.8" size="sm">
              Urgent: the caller may be in danger — call back now
            </Text>
          )}
          <Text fw={700}>{name ?? 'Caller without a name'}</Text>
          <Text>
            <a href={`tel:${callback.phone}`} className="desk-callback__phone">
              {phone}
            </a>
          </Text>
        </div>
        {!mine && (
          <Button size="xs" onClick={() => void claim()} loading={claiming}>
            Claim
          </Button>
        )}
      </Group>
      {mine && (
        <Text fw={700} c={late ? 'red.8' : 'teal.9'} mt={4}>
          Yours — call by {formatTime(callback.window.to)}
        </Text>
      )}
      <Text size="sm" mt={4}>
        <Text span fw={600} c={late ? 'red' : undefined}>
          {formatWindow(callback.window, now)}
        </Text>
        {late && ' (late)'} · {queueName}
      </Text>
      {callback.reason && (
        <Text size="sm" c="dimmed" mt={2}>
          {callback.reason}
        </Text>
      )}
      {error && (
        <Alert color="red" mt="xs" p="xs" title="Could not claim this callback">
          {error}. Try again.
        </Alert>
      )}
    </li>
  );
}
