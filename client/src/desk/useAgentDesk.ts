import { useCallback, useEffect, useRef, useState } from 'react';
import { deskEventsUrl, deskEventTypes, fetchDeskState, type DeskState } from './deskApi.ts';

export type Connection = 'connecting' | 'live' | 'lost';

/**
 * One agent's desk, kept in step with the server: the state is read on load and on every (re)connect of the event stream,
 * and read again after each event, so offers and calls are always exactly what the server holds.
 */
export function useAgentDesk(agentId: string | null) {
  const [state, setState] = useState<DeskState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [connection, setConnection] = useState<Connection>('connecting');
  const latest = useRef(0);

  const refresh = useCallback(async () => {
    if (!agentId) return;
    const ticket = ++latest.current;
    try {
      const next = await fetchDeskState(agentId);
      if (ticket !== latest.current) return;
      setState(next);
      setError(null);
    } catch (e) {
      if (ticket !== latest.current) return;
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [agentId]);

  useEffect(() => {
    setState(null);
    setError(null);
    if (!agentId) return;
    setConnection('connecting');
    void refresh();
    const source = new EventSource(deskEventsUrl(agentId));
    source.onopen = () => {
      setConnection('live');
      void refresh();
    };
    // The browser reconnects by itself; `onopen` then reads the state again.
    source.onerror = () => setConnection('lost');
    const onEvent = () => void refresh();
    for (const type of deskEventTypes) source.addEventListener(type, onEvent);
    return () => {
      latest.current++;
      source.close();
    };
  }, [agentId, refresh]);

  return { state, error, connection, refresh, setState };
}

/** The current time, ticking every second while `active`. */
export function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}
