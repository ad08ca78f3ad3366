import type { Persona, Versioned } from '@baton/shared';
import { fetchJson, sendJson } from '../api/fetchJson.ts';
import { ifMatch } from '../api/ifMatch.ts';

export const fetchPersonas = (signal?: AbortSignal) => fetchJson<Array<Versioned<Persona>>>('/api/personas', signal);

export const fetchPersona = (id: string) => fetchJson<Versioned<Persona>>(`/api/personas/${encodeURIComponent(id)}`);

/** Stores a persona over the version it was loaded at (412 when someone else saved since); the server names each invalid field. */
export const savePersona = ({ version, ...persona }: Versioned<Persona>) => sendJson<Versioned<Persona>>(`/api/personas/${encodeURIComponent(persona.id)}`, 'PUT', persona, ifMatch(version));
