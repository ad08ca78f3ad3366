import { useEffect, useState } from 'react';
import type { CompileContext } from '@baton/shared';
import { fetchAgents, fetchQueues } from '../../settings/staffingApi.ts';

/**
 * The queues of Settings → Queues and who has which skills, for checking that every transfer reaches a queue and
 * someone who could answer, as the server checks. Undefined until they are loaded (or if they cannot be), when the
 * check waits for the server.
 */
export function useRoutingContext(): CompileContext | undefined {
  const [context, setContext] = useState<CompileContext>();
  useEffect(() => {
    const controller = new AbortController();
    Promise.all([fetchQueues(controller.signal), fetchAgents(controller.signal)]).then(
      ([queues, agents]) =>
        setContext({
          routingQueueIds: new Set(queues.map((q) => q.id)),
          skills: { ofQueues: new Map(queues.map((q) => [q.id, q.requiredSkills])), ofAgents: agents.map((a) => new Set(a.skills.map((s) => s.skill))) },
        }),
      () => undefined,
    );
    return () => controller.abort();
  }, []);
  return context;
}
