import { useEffect, useState } from 'react';
import { ApiError } from '../api/fetchJson.ts';

/**
 * Loads now and again every `everyMs` while the page is visible: a hidden tab stops asking (nobody is
 * watching) and asks at once when shown again. Stops on unmount or when `load` changes; keeps the last
 * good answer through a failed poll, so one hiccup does not blank the figures.
 */
export function usePolling<T>(load: (signal: AbortSignal) => Promise<T>, everyMs: number): { data: T | null; error: string | null } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running = false;
    async function poll() {
      clearTimeout(timer);
      if (running || controller.signal.aborted || document.hidden) return;
      running = true;
      try {
        setData(await load(controller.signal));
        setError(null);
      } catch (e) {
        if (!controller.signal.aborted) setError(e instanceof ApiError ? e.message : String(e));
      } finally {
        running = false;
      }
      if (!controller.signal.aborted && !document.hidden) timer = setTimeout(() => void poll(), everyMs);
    }
    const onVisibility = () => (document.hidden ? clearTimeout(timer) : void poll());
    document.addEventListener('visibilitychange', onVisibility);
    void poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [load, everyMs]);
  return { data, error };
}
