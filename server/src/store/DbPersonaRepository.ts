import type { Persona, Versioned } from '@baton/shared';
import type { StoreData } from './StoreData.ts';
import { commitChange } from './commitChange.ts';
import { nextVersion, type Precondition } from './nextVersion.ts';
import { own } from './ownRecord.ts';
import type { PersonaRepository } from './types.ts';

/** Simulated callers in the store's data, in the same durable file and write queue as the flows. */
export class DbPersonaRepository implements PersonaRepository {
  constructor(
    private readonly db: StoreData,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(): Array<Versioned<Persona>> {
    return Object.values(this.db.data.personas)
      .map((p) => structuredClone(p))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  get(id: string): Versioned<Persona> | undefined {
    const persona = own(this.db.data.personas, id);
    return persona && structuredClone(persona);
  }

  put(persona: Persona, expected: Precondition): Promise<{ persona: Versioned<Persona>; created: boolean }> {
    return commitChange(this.db, this.now, (data) => {
      const current = own(data.personas, persona.id);
      const stored = { ...structuredClone(persona), version: nextVersion('persona', current, expected) };
      return { next: { ...data, personas: { ...data.personas, [persona.id]: stored } }, result: { persona: structuredClone(stored), created: !current } };
    });
  }

  isEmpty(): boolean {
    return Object.keys(this.db.data.personas).length === 0;
  }
}
