export type Route = { page: 'flows' } | { page: 'flow'; flowId: string } | { page: 'not_found' };

/** Maps a URL path to the page that shows it. */
export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/flows') return { page: 'flows' };
  const flow = /^\/flows\/([^/]+)$/.exec(path);
  if (flow) {
    try {
      return { page: 'flow', flowId: decodeURIComponent(flow[1]) };
    } catch {
      return { page: 'not_found' };
    }
  }
  return { page: 'not_found' };
}

/** The address of a flow's page. */
export const flowPath = (flowId: string) => `/flows/${encodeURIComponent(flowId)}`;
