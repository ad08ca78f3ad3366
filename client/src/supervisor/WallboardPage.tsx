import { useState } from 'react';
import { Alert, Badge, Button, Group, Paper, SimpleGrid, Table, Text, Title } from '@mantine/core';
import type { AgentStatus, CallState, Caller, HandedOverCall, QueueLiveFigures, TranscriptEntry } from '@baton/shared';
import { fetchJson } from '../api/fetchJson.ts';
import { usePolling } from '../settings/usePolling.ts';
import { useLiveFigures } from '../settings/useLiveFigures.ts';

/** What `GET /api/calls/:id` says of a call that a supervisor reads. */
type WatchedCallView = { caller?: Caller; transcript: TranscriptEntry[]; state: CallState };

const statusNames: Record<AgentStatus, string> = { available: 'Available', busy: 'On calls', wrap_up: 'Wrapping up', away: 'Away', offline: 'Signed out' };

const minutes = (seconds: number) => (seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`);
const since = (iso: string, now: string) => minutes(Math.max(0, Math.round((Date.parse(now) - Date.parse(iso)) / 1000)));

/** One queue: who waits and for how long (red past the service-level goal), who can take calls, and today so far. */
function QueueTile({ queue }: { queue: QueueLiveFigures }) {
  const goal = queue.serviceLevel.answerWithinSeconds;
  const late = queue.waiting > 0 && queue.longestWaitSeconds > goal;
  const { answered, answeredWithinGoal, abandoned } = queue.today;
  const level = answered > 0 ? Math.round((100 * answeredWithinGoal) / answered) : null;
  const target = Math.round(queue.serviceLevel.targetShare * 100);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={queue.name} className={late ? 'wallboard__queue wallboard__queue--late' : 'wallboard__queue'}>
      <Group justify="space-between" align="flex-start">
        <Title order={3}>{queue.name}</Title>
        <Badge color={queue.open ? 'green' : 'gray'}>{queue.open ? 'Open' : 'Closed'}</Badge>
      </Group>
      <Text size="xl" fw={700} mt={4}>
        {queue.waiting} waiting
      </Text>
      <Text c={late ? 'red' : 'dimmed'} fw={late ? 700 : undefined} role={late ? 'alert' : undefined}>
        {queue.waiting === 0 ? 'Nobody waiting' : `Longest wait ${minutes(queue.longestWaitSeconds)}${late ? ` — over the ${goal} s goal` : ''}`}
      </Text>
      <Text size="sm">
        {queue.agentsAvailable} of {queue.agentsSignedIn} signed-in agents free
      </Text>
      <Text size="sm" mt={6}>
        Today: {answered} answered{level === null ? '' : `, ${level}% within ${goal} s (goal ${target}%)`}, {abandoned} hung up waiting
      </Text>
    </Paper>
  );
}

/** The call a supervisor watches: its conversation, read-only, refreshed every 2 s. */
function WatchedCall({ callId, onClose }: { callId: string; onClose: () => void }) {
  const { data, error } = usePolling((signal) => fetchJson<WatchedCallView>(`/api/calls/${encodeURIComponent(callId)}`, signal), 2_000);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label="Watching a call">
      <Group justify="space-between">
        <Title order={3}>Watching {data?.caller?.name ?? 'a call'}</Title>
        <Button variant="subtle" onClick={onClose}>
          Stop watching
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        Read only: what the caller, the assistant and the agent say, as it happens.
      </Text>
      {error && <Alert color="red">{error}</Alert>}
      <ol className="wallboard__transcript" aria-label="Conversation">
        {(data?.transcript ?? []).map((line, i) => (
          <li key={i}>
            <strong>{line.from === 'caller' ? 'Caller' : line.from === 'agent' ? 'Agent' : 'Assistant'}:</strong> {line.text}
          </li>
        ))}
      </ol>
      {data?.state.status === 'ended' && <Text fw={600}>The call has ended.</Text>}
    </Paper>
  );
}

/**
 * The supervisor's wallboard (/supervisor): every queue's waiting callers and longest wait (an alert past its goal),
 * free agents and today's service level; agents by status; the calls with people, each one open to watch.
 */
export function WallboardPage() {
  const live = useLiveFigures();
  const [watching, setWatching] = useState<string | null>(null);
  const figures = live.data;
  const byStatus = new Map<AgentStatus, string[]>();
  for (const agent of figures?.agents ?? []) byStatus.set(agent.status, [...(byStatus.get(agent.status) ?? []), agent.name]);
  return (
    <section className="wallboard" aria-labelledby="wallboard-title">
      <div className="page-heading">
        <h1 id="wallboard-title">Wallboard</h1>
        <p className="page-heading__lead">Live: who is waiting, who can take calls, and how today is going. Refreshes every few seconds.</p>
      </div>
      {live.error && (
        <Alert color="red" title="The figures could not be refreshed">
          {live.error}. They will refresh again by themselves.
        </Alert>
      )}
      {!figures && !live.error && <p role="status">Loading…</p>}
      {figures && (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} mt="md">
            {figures.queues.map((q) => (
              <QueueTile key={q.queueId} queue={q} />
            ))}
          </SimpleGrid>
          <Title order={2} mt="lg">
            Agents
          </Title>
          <SimpleGrid cols={{ base: 2, sm: 5 }} mt="xs">
            {(Object.keys(statusNames) as AgentStatus[]).map((status) => (
              <Paper key={status} component="section" withBorder p="sm" radius="md" aria-label={`${statusNames[status]}: ${byStatus.get(status)?.length ?? 0}`}>
                <Text fw={700}>
                  {statusNames[status]}: {byStatus.get(status)?.length ?? 0}
                </Text>
                <Text size="sm" c="dimmed">
                  {(byStatus.get(status) ?? []).join(', ') || '—'}
                </Text>
              </Paper>
            ))}
          </SimpleGrid>
          <Title order={2} mt="lg">
            Calls with people
          </Title>
          {figures.calls.length === 0 ? (
            <Text c="dimmed">No call is waiting for or talking to a person right now.</Text>
          ) : (
            <Table mt="xs" striped aria-label="Calls with people">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Caller</Table.Th>
                  <Table.Th>Queue</Table.Th>
                  <Table.Th>Where</Table.Th>
                  <Table.Th>For</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {figures.calls.map((call: HandedOverCall) => (
                  <Table.Tr key={call.callId}>
                    <Table.Td>{call.callerName ?? 'Unknown caller'}</Table.Td>
                    <Table.Td>{call.queueName}</Table.Td>
                    <Table.Td>{call.status === 'waiting' ? 'Waiting' : `With ${call.agentName}`}</Table.Td>
                    <Table.Td>{since(call.since, figures.at)}</Table.Td>
                    <Table.Td>
                      <Button size="xs" variant="light" onClick={() => setWatching(call.callId)} aria-label={`Watch the call of ${call.callerName ?? 'an unknown caller'}`}>
                        Watch
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {watching && (
            <div style={{ marginTop: 16 }}>
              <WatchedCall key={watching} callId={watching} onClose={() => setWatching(null)} />
            </div>
          )}
        </>
      )}
    </section>
  );
}
