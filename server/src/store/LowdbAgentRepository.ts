import type { AgentSettings } from '@baton/shared';
import type { Low } from 'lowdb';
import { AppError, notFound } from '../errors.ts';
import { commitChange } from './commitChange.ts';
import type { DbData } from './DbData.ts';
import { own, without } from './ownRecord.ts';
import type { AgentRepository } from './types.ts';

/** Agents in lowdb, in the same durable file and write queue as the flows. */
export class LowdbAgentRepository implements AgentRepository {
  constructor(
    private readonly db: Low<DbData>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(): AgentSettings[] {
    return Object.values(this.db.data.agents)
      .map((a) => structuredClone(a))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  get(id: string): AgentSettings | undefined {
    const agent = own(this.db.data.agents, id);
    return agent && structuredClone(agent);
  }

  create(agent: AgentSettings): Promise<AgentSettings> {
    return commitChange(this.db, this.now, (data) => {
      if (own(data.agents, agent.id)) throw new AppError(409, 'agent_exists', `An agent with id "${agent.id}" already exists. Choose another id, or edit that agent.`);
      return { next: { ...data, agents: { ...data.agents, [agent.id]: structuredClone(agent) } }, result: structuredClone(agent) };
    });
  }

  update(agent: AgentSettings): Promise<AgentSettings> {
    return commitChange(this.db, this.now, (data) => {
      if (!own(data.agents, agent.id)) throw notFound('agent', agent.id);
      return { next: { ...data, agents: { ...data.agents, [agent.id]: structuredClone(agent) } }, result: structuredClone(agent) };
    });
  }

  remove(id: string): Promise<void> {
    return commitChange(this.db, this.now, (data) => {
      if (!own(data.agents, id)) throw notFound('agent', id);
      return { next: { ...data, agents: without(data.agents, id) }, result: undefined };
    });
  }

  isEmpty(): boolean {
    return Object.keys(this.db.data.agents).length === 0;
  }
}
