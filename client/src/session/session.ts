import { createContext, useContext } from 'react';
import type { SessionView, TokenScope } from '@baton/shared';
import { ApiError, fetchJson } from '../api/fetchJson.ts';

/** Who is signed in on this page; null until read. */
export const SessionContext = createContext<SessionView | null>(null);

export const useSession = () => useContext(SessionContext);

/** The role of whoever is signed in (admin while nothing is known, e.g. in tests that render a page alone). */
export const useRole = (): TokenScope => useSession()?.user.role ?? 'admin';

/** Who is signed in, or null when nobody is (401). */
export async function readSession(): Promise<SessionView | null> {
  try {
    return await fetchJson<SessionView>('/api/session');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

/** The pages each role works in, first the one they start on; the server refuses the rest anyway. */
export const pagesOf: Record<TokenScope, readonly string[]> = {
  admin: ['/', '/personas', '/settings/queues', '/settings/agents', '/settings/numbers', '/settings/people', '/settings/audit', '/supervisor', '/analytics', '/agent'],
  analyst: ['/', '/personas', '/analytics'],
  supervisor: ['/supervisor', '/analytics'],
  agent: ['/agent'],
  calls: [],
};
