import { useEffect, useState } from 'react';
import { NavLink, Text } from '@mantine/core';
import type { Persona, Versioned } from '@baton/shared';
import { ApiError } from '../api/fetchJson.ts';
import { PersonaForm } from './PersonaForm.tsx';
import { fetchPersonas } from './personasApi.ts';

/** The simulated callers what-if runs use (/personas): who they are and how they behave, editable. */
export function PersonasPage() {
  const [personas, setPersonas] = useState<Array<Versioned<Persona>> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetchPersonas(controller.signal).then(
      (list) => {
        setPersonas(list);
        setSelected((s) => s ?? list[0]?.id ?? null);
      },
      (e: unknown) => !controller.signal.aborted && setError(e instanceof ApiError ? e.message : String(e)),
    );
    return () => controller.abort();
  }, []);
  const persona = personas?.find((p) => p.id === selected);

  return (
    <section className="personas" aria-labelledby="personas-title">
      <div className="page-heading">
        <h1 id="personas-title">Simulated callers</h1>
        <p className="page-heading__lead">
          What-if runs play these callers against a flow. Make them behave like your callers: what they call about, in their own words, and how quickly they lose patience.
        </p>
      </div>
      {error && (
        <p className="notice notice--error" role="alert">
          Could not load the simulated callers: {error}. Check that the Baton server is running, then reload.
        </p>
      )}
      {personas && (
        <div className="personas__layout">
          <nav aria-label="Simulated callers">
            {personas.map((p) => (
              <NavLink key={p.id} label={p.name} description={`Share ${p.weight}`} active={p.id === selected} onClick={() => setSelected(p.id)} />
            ))}
          </nav>
          <div className="personas__form">
            {persona ? (
              <>
                <Text c="dimmed" size="sm" mb="sm">
                  {persona.description}
                </Text>
                <PersonaForm key={persona.id} persona={persona} onSaved={(saved) => setPersonas(personas.map((p) => (p.id === saved.id ? saved : p)))} />
              </>
            ) : (
              <Text>Choose a caller on the left.</Text>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
