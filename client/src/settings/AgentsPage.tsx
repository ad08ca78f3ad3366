import type { AgentSettings } from '@baton/shared';
import { AgentForm } from './AgentForm.tsx';
import { AgentLiveCard } from './AgentLiveCard.tsx';
import { AgentStatusBadge } from './AgentStatusBadge.tsx';
import { SettingsCard, SettingsListPage } from './SettingsListPage.tsx';
import { fetchAgents, type Draft } from './staffingApi.ts';
import { useLiveFigures } from './useLiveFigures.ts';

const newAgent = (): AgentSettings => ({ id: '', name: '', skills: [], capacity: 1 });

/**
 * The people handed-over calls go to (/settings/agents): their skills and how many calls they take at once;
 * and, refreshed every 5 s, each one's live status from the agent desk.
 */
export function AgentsPage() {
  const live = useLiveFigures();
  const statusOf = (agentId: string) => live.data?.agents.find((a) => a.agentId === agentId);
  return (
    <SettingsListPage<Draft<AgentSettings>>
      title="Agents"
      lead="The people who take over calls from the AI. Their skills decide which queues' calls they are offered."
      oneItem="an agent"
      load={fetchAgents}
      describe={(a) => a.skills.map((s) => s.skill).join(', ') || 'No skills yet'}
      badge={(a) => {
        const status = statusOf(a.id);
        return status && <AgentStatusBadge status={status.status} />;
      }}
      newItem={newAgent}
      cards={(agent, isNew, onSaved) => (
        <>
          {!isNew && (
            <SettingsCard>
              <AgentLiveCard status={statusOf(agent.id)} error={live.error} />
            </SettingsCard>
          )}
          <SettingsCard>
            <AgentForm key={isNew ? 'new' : agent.id} agent={agent} isNew={isNew} onSaved={onSaved} />
          </SettingsCard>
        </>
      )}
    />
  );
}
