import { useEffect, useState } from 'react';
import { Button, NavLink, Paper, Text } from '@mantine/core';
import type { AgentSettings } from '@baton/shared';
import { ApiError } from '../api/fetchJson.ts';
import { AgentForm } from './AgentForm.tsx';
import { fetchAgents } from './staffingApi.ts';

const newAgent = (): AgentSettings => ({ id: '', name: '', skills: [], capacity: 1 });

/** The people handed-over calls go to (/settings/agents): their skills and how many calls they take at once. */
export function AgentsPage() {
  const [agents, setAgents] = useState<AgentSettings[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Said once a new agent is stored, since its form is replaced by the stored agent's.
  const [added, setAdded] = useState<string | null>(null);
  // null: the new agent being added.
  const [selected, setSelected] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    const controller = new AbortController();
    fetchAgents(controller.signal).then(
      (list) => {
        setAgents(list);
        setSelected((s) => (s === undefined ? (list[0]?.id ?? null) : s));
      },
      (e: unknown) => !controller.signal.aborted && setError(e instanceof ApiError ? e.message : String(e)),
    );
    return () => controller.abort();
  }, []);
  const agent = agents?.find((a) => a.id === selected);

  function saved(stored: AgentSettings) {
    if (!agents) return;
    setAdded(agents.some((x) => x.id === stored.id) ? null : `${stored.name} is added.`);
    setAgents(agents.some((a) => a.id === stored.id) ? agents.map((a) => (a.id === stored.id ? stored : a)) : [...agents, stored].sort((a, b) => a.id.localeCompare(b.id)));
    setSelected(stored.id);
  }

  return (
    <section className="settings" aria-labelledby="agents-title">
      <div className="page-heading">
        <h1 id="agents-title">Agents</h1>
        <p className="page-heading__lead">The people who take over calls from the AI. Their skills decide which queues' calls they are offered.</p>
      </div>
      {error && (
        <p className="notice notice--error" role="alert">
          Could not load the agents: {error}. Check that the Baton server is running, then reload.
        </p>
      )}
      {agents && (
        <div className="settings__layout">
          <nav aria-label="Agents">
            {agents.map((a) => (
              <NavLink key={a.id} label={a.name} description={a.skills.map((s) => s.skill).join(', ') || 'No skills yet'} active={a.id === selected} onClick={() => (setSelected(a.id), setAdded(null))} />
            ))}
            <Button variant="light" size="compact-sm" mt="sm" onClick={() => (setSelected(null), setAdded(null))}>
              Add an agent
            </Button>
          </nav>
          <div className="settings__forms">
            {added && (
              <Text c="green" role="status">
                {added}
              </Text>
            )}
            {selected === null && (
              <Paper className="settings__card">
                <AgentForm key="new" agent={newAgent()} isNew onSaved={saved} />
              </Paper>
            )}
            {agent && (
              <Paper className="settings__card">
                <AgentForm key={agent.id} agent={agent} isNew={false} onSaved={saved} />
              </Paper>
            )}
            {selected !== null && !agent && <Text>Choose an agent on the left.</Text>}
          </div>
        </div>
      )}
    </section>
  );
}
