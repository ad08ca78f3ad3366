export type Route =
  | { page: 'flows' }
  | { page: 'personas' }
  | { page: 'queues' }
  | { page: 'agents' }
  | { page: 'numbers' }
  | { page: 'agent_desk' }
  | { page: 'wallboard' }
  | { page: 'analytics' }
  | { page: 'people' }
  | { page: 'audit' }
  | { page: 'sign_in' }
  | { page: 'welcome' }
  | { page: 'flow'; flowId: string } | { page: 'what_if'; flowId: string } | { page: 'not_found' };

/** Maps a URL path to the page that shows it. */
export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/flows') return { page: 'flows' };
  if (path === '/personas') return { page: 'personas' };
  if (path === '/settings/queues') return { page: 'queues' };
  if (path === '/settings/agents') return { page: 'agents' };
  if (path === '/settings/numbers') return { page: 'numbers' };
  if (path === '/agent') return { page: 'agent_desk' };
  if (path === '/supervisor') return { page: 'wallboard' };
  if (path === '/analytics') return { page: 'analytics' };
  if (path === '/settings/people') return { page: 'people' };
  if (path === '/settings/audit') return { page: 'audit' };
  if (path === '/sign-in') return { page: 'sign_in' };
  if (path === '/welcome') return { page: 'welcome' };
  const flow = /^\/flows\/([^/]+)(\/what-if)?$/.exec(path);
  if (flow) {
    try {
      const flowId = decodeURIComponent(flow[1]);
      return flow[2] ? { page: 'what_if', flowId } : { page: 'flow', flowId };
    } catch {
      return { page: 'not_found' };
    }
  }
  return { page: 'not_found' };
}

/** The address of a flow's page. */
export const flowPath = (flowId: string) => `/flows/${encodeURIComponent(flowId)}`;

/** The address of a flow's what-if page. */
export const whatIfPath = (flowId: string) => `${flowPath(flowId)}/what-if`;
