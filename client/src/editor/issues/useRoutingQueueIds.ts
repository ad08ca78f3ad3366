import { useEffect, useState } from 'react';
import { fetchQueues } from '../../settings/staffingApi.ts';

/**
 * The ids of the queues in Settings → Queues, for checking that every transfer reaches one, as the server checks at
 * publish. Undefined until they are loaded (or if they cannot be), when the check waits for the server.
 */
export function useRoutingQueueIds(): ReadonlySet<string> | undefined {
  const [ids, setIds] = useState<ReadonlySet<string>>();
  useEffect(() => {
    const controller = new AbortController();
    fetchQueues(controller.signal).then(
      (queues) => setIds(new Set(queues.map((q) => q.id))),
      () => undefined,
    );
    return () => controller.abort();
  }, []);
  return ids;
}
