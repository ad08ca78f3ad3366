import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallbackRequest, ConversationEvent, DeskLine } from '@baton/shared';
import { conversationEventTypes, deskEventsUrl, deskEventTypes, fetchDeskState, type DeskState } from './deskApi.ts';
import { applyConversationEvent, withCallback, withHangUps, withLine } from './deskUpdates.ts';

export type Connection = 'connecting' | 'live' | 'lost';

/**
 * One agent's desk, kept in step with the server: the state is read on load and on every (re)connect of the event stream,
 * and read again after each event, so offers, calls and callbacks are always exactly what the server holds. Conversation
 * and callback events are shown at once from their payload too, so a new line does not wait for the read.
 */
export function useAgentDesk(agentId: string | null) {
  const [state, setState] = useState<DeskState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [connection, setConnection] = useState<Connection>('connecting');
  const latest = useRef(0);
  /** Calls whose caller hung up (call id → when), from `caller_hung_up`: kept across state reads of this desk. */
  const hungUp = useRef(new Map<string, string>());

  const refresh = useCallback(async () => {
    if (!agentId) return;
    const ticket = ++latest.current;
    try {
      const next = await fetchDeskState(agentId);
      if (ticket !== latest.current) return;
      setState(withHangUps(next, hungUp.current));
      setError(null);
    } catch (e) {
      if (ticket !== latest.current) return;
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [agentId]);

  useEffect(() => {
    setState(null);
    setError(null);
    hungUp.current = new Map();
    if (!agentId) return;
    setConnection('connecting');
    void refresh();
    const source = new EventSource(deskEventsUrl(agentId));
    source.onopen = () => {
      setConnection('live');
      void refresh();
    };
    // The browser reconnects by itself; `onopen` then reads the state again. Reading the state now also finds out
    // when the sign-in ran out (a stream refused with 401 is not retried): the page then goes to the sign-in.
    source.onerror = () => {
      setConnection('lost');
      void refresh();
    };
    const onEvent = () => void refresh();
    const onConversationEvent = (message: MessageEvent<string>) => {
      const event = parseEvent(message.data);
      if (event?.type === 'caller_hung_up') hungUp.current.set(event.callId, event.at);
      if (event) setState((s) => s && applyConversationEvent(s, event));
      void refresh();
    };
    for (const type of deskEventTypes) {
      if (!(conversationEventTypes as readonly string[]).includes(type)) source.addEventListener(type, onEvent);
    }
    for (const type of conversationEventTypes) source.addEventListener(type, onConversationEvent);
    return () => {
      latest.current++;
      source.close();
    };
  }, [agentId, refresh]);

  /** Shows a line the agent just sent, before its `agent_said` event or the next state read. */
  const addLine = useCallback((callId: string, line: DeskLine) => setState((s) => s && withLine(s, callId, line)), []);

  /** Shows a callback as the server answered it (just claimed), before the next state read. */
  const showCallback = useCallback((callback: CallbackRequest) => setState((s) => s && withCallback(s, callback)), []);

  return { state, error, connection, refresh, addLine, showCallback };
}

/** An event's payload, or null when it cannot be read (the state read that follows still brings the truth). */
function parseEvent(data: string): ConversationEvent | null {
  try {
    const event = JSON.parse(data) as ConversationEvent | null;
    return event && typeof event === 'object' && typeof event.type === 'string' ? event : null;
  } catch {
    return null;
  }
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
