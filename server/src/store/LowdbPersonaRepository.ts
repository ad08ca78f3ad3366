import type { Persona } from '@baton/shared';
import type { Low } from 'lowdb';
import { commitChange } from './commitChange.ts';
import type { DbData } from './DbData.ts';
import { own } from './ownRecord.ts';
import type { PersonaRepository } from './types.ts';

/** Simulated callers in lowdb, in the same durable file and write queue as the flows. */
export class LowdbPersonaRepository implements PersonaRepository {
  constructor(
    private readonly db: Low<DbData>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(): Persona[] {
    return Object.values(this.db.data.personas)
      .map((p) => structuredClone(p))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  get(id: string): Persona | undefined {
    const persona = own(this.db.data.personas, id);
    return persona && structuredClone(persona);
  }

  put(persona: Persona): Promise<{ persona: Persona; created: boolean }> {
    return commitChange(this.db, this.now, (data) => {
      const created = !own(data.personas, persona.id);
      return { next: { ...data, personas: { ...data.personas, [persona.id]: structuredClone(persona) } }, result: { persona: structuredClone(persona), created } };
    });
  }

  isEmpty(): boolean {
    return Object.keys(this.db.data.personas).length === 0;
  }
}
