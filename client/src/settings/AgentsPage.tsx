import type { AgentSettings } from '@baton/shared';
import { AgentForm } from './AgentForm.tsx';
import { SettingsCard, SettingsListPage } from './SettingsListPage.tsx';
import { fetchAgents } from './staffingApi.ts';

const newAgent = (): AgentSettings => ({ id: '', name: '', skills: [], capacity: 1 });

/** The people handed-over calls go to (/settings/agents): their skills and how many calls they take at once. */
export function AgentsPage() {
  return (
    <SettingsListPage<AgentSettings>
      title="Agents"
      lead="The people who take over calls from the AI. Their skills decide which queues' calls they are offered."
      oneItem="an agent"
      load={fetchAgents}
      describe={(a) => a.skills.map((s) => s.skill).join(', ') || 'No skills yet'}
      newItem={newAgent}
      cards={(agent, isNew, onSaved) => (
        <SettingsCard>
          <AgentForm key={isNew ? 'new' : agent.id} agent={agent} isNew={isNew} onSaved={onSaved} />
        </SettingsCard>
      )}
    />
  );
}
