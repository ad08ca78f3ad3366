import type { Persona } from '@baton/shared';
import { fetchJson, sendJson } from '../api/fetchJson.ts';

export const fetchPersonas = (signal?: AbortSignal) => fetchJson<Persona[]>('/api/personas', signal);

/** Stores a persona (new or changed); the server names each invalid field. */
export const savePersona = (persona: Persona) => sendJson<Persona>(`/api/personas/${encodeURIComponent(persona.id)}`, 'PUT', persona);
