import type { AgentSettings, AgentStatus, DeskLine } from '@baton/shared';
import { useEffect, useState } from 'react';
import { Alert, Badge, Group, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { fetchAgents, fetchQueues } from '../settings/staffingApi.ts';
import { setAgentStatus, type DeskCall, type DeskOffer } from './deskApi.ts';
import { useAgentDesk } from './useAgentDesk.ts';
import { OfferCard } from './OfferCard.tsx';
import { CallCard } from './CallCard.tsx';
import { CallbackList } from './CallbackList.tsx';
import './desk.css';
import { useSession } from '../session/session.ts';

const statusNames: Record<AgentStatus, string> = {
  available: 'Available',
  busy: 'On a call',
  wrap_up: 'Finishing a call',
  away: 'Away',
  offline: 'Offline',
};

/** The agent in the address (`?agent=<id>`), so a reload keeps the same desk. */
const agentFromUrl = () => new URLSearchParams(window.location.search).get('agent') || null;

function rememberAgent(agentId: string | null) {
  const url = new URL(window.location.href);
  if (agentId) url.searchParams.set('agent', agentId);
  else url.searchParams.delete('agent');
  window.history.replaceState(null, '', url);
}

/** Where a person takes the calls the AI hands over: sign in, go available, read the briefing, accept, wrap up. */
export function AgentDeskPage() {
  const [agents, setAgents] = useState<AgentSettings[] | null>(null);
  const [agentsError, setAgentsError] = useState<string | null>(null);
  // A person with the agent role works their own desk only (the server refuses others); admins may open any.
  const session = useSession();
  const ownAgent = session?.user.role === 'agent' ? (session.user.agentId ?? null) : undefined;
  const [agentId, setAgentId] = useState<string | null>(() => (ownAgent !== undefined ? ownAgent : agentFromUrl()));
  const [statusError, setStatusError] = useState<string | null>(null);
  const [queueNames, setQueueNames] = useState<ReadonlyMap<string, string>>(new Map());
  const desk = useAgentDesk(agentId);

  useEffect(() => {
    const controller = new AbortController();
    if (ownAgent === undefined)
      fetchAgents(controller.signal).then(setAgents, (e: unknown) => {
        if (!controller.signal.aborted) setAgentsError(e instanceof Error ? e.message : String(e));
      });
    // Queue names only make the callbacks easier to read; without them the desk shows the queue ids.
    fetchQueues(controller.signal).then((queues) => setQueueNames(new Map(queues.map((q) => [q.id, q.name]))), () => undefined);
    return () => controller.abort();
  }, [ownAgent]);

  const chooseAgent = (id: string | null) => {
    rememberAgent(id);
    setStatusError(null);
    setAgentId(id);
  };

  const changeStatus = async (status: string) => {
    if (!agentId) return;
    setStatusError(null);
    try {
      await setAgentStatus(agentId, status as 'available' | 'away' | 'offline');
      // The status answer carries no conversations or callbacks; the full state read does, so the desk does not blink.
      await desk.refresh();
    } catch (e) {
      setStatusError(e instanceof Error ? e.message : String(e));
    }
  };

  const state = desk.state;
  const unknownAgent = agents && agentId && !agents.some((a) => a.id === agentId);

  return (
    <Stack gap="lg" className="agent-desk">
      <div>
        <Title order={1}>Agent desk</Title>
        <Text c="dimmed">Take the calls the AI hands over. Each call comes with a briefing, so you never have to ask the caller again.</Text>
      </div>

      {agentsError && (
        <Alert color="red" title="Could not load the agents">
          {agentsError}. Check that the Baton server is running, then reload the page.
        </Alert>
      )}

      <Group align="flex-end" gap="lg" wrap="wrap">
        {ownAgent !== undefined ? (
          <Text fw={600} size="lg">
            {state ? `You are ${state.name}` : 'Loading your desk…'}
          </Text>
        ) : (
        <Select
          label="You are"
          placeholder={agents ? 'Choose your name' : 'Loading…'}
          data={(agents ?? []).map((a) => ({ value: a.id, label: a.name }))}
          value={agentId}
          onChange={chooseAgent}
          searchable
          w={260}
          disabled={!agents}
        />
        )}
        {agentId && state && (
          <Stack gap={4}>
            <Text size="sm" fw={500} id="desk-status-label">
              Your status
            </Text>
            <SegmentedControl
              aria-labelledby="desk-status-label"
              value={state.status === 'busy' || state.status === 'wrap_up' ? 'available' : state.status}
              onChange={(v) => void changeStatus(v)}
              data={[
                { value: 'available', label: 'Available' },
                { value: 'away', label: 'Away' },
                { value: 'offline', label: 'Offline' },
              ]}
            />
          </Stack>
        )}
        {agentId && state && (
          <Badge size="lg" variant="light" color={state.status === 'available' ? 'green' : state.status === 'busy' ? 'blue' : 'gray'} aria-live="polite">
            {statusNames[state.status]}
          </Badge>
        )}
      </Group>

      {unknownAgent && (
        <Alert color="yellow" title="This agent is not set up">
          No agent has the id “{agentId}”. Choose your name above, or add yourself on the Agents page.
        </Alert>
      )}
      {state?.status === 'away' && state.statusReason === 'missed_offer' && (
        <Alert color="yellow" title="You were set to Away" role="status">
          You missed a call offer, so we set you to Away. Set yourself Available when you're ready.
        </Alert>
      )}
      {statusError && (
        <Alert color="red" title="Could not change your status">
          {statusError}. Try again.
        </Alert>
      )}
      {agentId && desk.error && (
        <Alert color="red" title="Could not load your desk">
          {desk.error}. The page keeps trying while it is open.
        </Alert>
      )}
      {agentId && desk.connection === 'lost' && (
        <Alert color="yellow" title="Connection lost">
          New calls cannot reach this page right now. It reconnects by itself and then shows what you missed.
        </Alert>
      )}

      {!agentId && <Text>Choose your name to start taking calls.</Text>}

      {agentId && state && (
        <div className="agent-desk__layout">
          <DeskBody
            agentId={agentId}
            status={state.status}
            offers={state.offers}
            calls={state.calls}
            onChanged={() => void desk.refresh()}
            onSent={(callId, line) => {
              desk.addLine(callId, line);
              void desk.refresh();
            }}
          />
          <CallbackList
            agentId={agentId}
            callbacks={state.callbacks}
            queueNames={queueNames}
            onClaimed={(callback) => {
              desk.showCallback(callback);
              void desk.refresh();
            }}
            onChanged={() => void desk.refresh()}
          />
        </div>
      )}
    </Stack>
  );
}

interface DeskBodyProps {
  agentId: string;
  status: AgentStatus;
  offers: DeskOffer[];
  calls: DeskCall[];
  onChanged: () => void;
  onSent: (callId: string, line: DeskLine) => void;
}

function DeskBody({ agentId, status, offers, calls, onChanged, onSent }: DeskBodyProps) {
  if (!offers.length && !calls.length)
    return (
      <section className="agent-desk__waiting agent-desk__main" aria-label="Waiting">
        <Title order={2}>{status === 'available' ? 'Waiting for a call' : 'Not taking calls'}</Title>
        <Text>
          {status === 'available'
            ? 'A call shows up here as soon as a caller asks for a person. You will see why they asked and what the AI already knows.'
            : 'Choose Available when you are ready to take calls.'}
        </Text>
      </section>
    );
  return (
    <Stack gap="lg" className="agent-desk__main">
      {calls.map((call) => (
        <CallCard key={call.callId} agentId={agentId} call={call} onDone={onChanged} onSent={(line) => onSent(call.callId, line)} />
      ))}
      {offers.map((offer) => (
        <OfferCard key={offer.offerId} offer={offer} onAnswered={onChanged} />
      ))}
    </Stack>
  );
}
