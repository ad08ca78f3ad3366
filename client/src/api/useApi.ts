import { useEffect, useState } from 'react';

export type ApiState<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'error'; message: string };

/** Runs `load` when `key` changes and tracks loading, data and error; a stale answer never overwrites a newer one, and data stays shown while it reloads. */
export function useApi<T>(load: (signal: AbortSignal) => Promise<T>, key: string): ApiState<T> {
  const [state, setState] = useState<ApiState<T>>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    // Loading again (after a change) keeps what is shown until the new answer arrives, rather than flashing "Loading…".
    setState((current) => (current.status === 'ready' ? current : { status: 'loading' }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ status: 'error', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => controller.abort();
    // `load` is a module-level function or a closure over `key`; `key` alone decides when to reload.
  }, [key]);
  return state;
}
