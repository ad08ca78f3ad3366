import type { AgentSettings, Versioned } from '@baton/shared';
import type { StoreData } from './StoreData.ts';
import { AppError, notFound } from '../errors.ts';
import { commitChange } from './commitChange.ts';
import type { DbData } from './DbData.ts';
import { nextVersion } from './nextVersion.ts';
import { own, without } from './ownRecord.ts';
import type { AgentRepository } from './types.ts';

/** Agents in the store's data, in the same durable file and write queue as the flows. */
export class DbAgentRepository implements AgentRepository {
  constructor(
    private readonly db: StoreData,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(): Array<Versioned<AgentSettings>> {
    return Object.values(this.db.data.agents)
      .map((a) => structuredClone(a))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  get(id: string): Versioned<AgentSettings> | undefined {
    const agent = own(this.db.data.agents, id);
    return agent && structuredClone(agent);
  }

  create(agent: AgentSettings): Promise<Versioned<AgentSettings>> {
    return commitChange(this.db, this.now, (data) => {
      if (own(data.agents, agent.id)) throw new AppError(409, 'agent_exists', `An agent with id "${agent.id}" already exists. Choose another id, or edit that agent.`);
      return this.withAgent(data, { ...structuredClone(agent), version: 1 });
    });
  }

  update(agent: AgentSettings, expected: number): Promise<Versioned<AgentSettings>> {
    return commitChange(this.db, this.now, (data) => {
      const current = own(data.agents, agent.id);
      if (!current) throw notFound('agent', agent.id);
      return this.withAgent(data, { ...structuredClone(agent), version: nextVersion('agent', current, expected) });
    });
  }

  private withAgent(data: DbData, stored: Versioned<AgentSettings>) {
    return { next: { ...data, agents: { ...data.agents, [stored.id]: stored } }, result: structuredClone(stored) };
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
