import { lazy, Suspense, type ReactNode } from 'react';
import { AppHeader } from './layout/AppHeader.tsx';
import { NotFoundPage } from './layout/NotFoundPage.tsx';
import { matchRoute } from './matchRoute.ts';
import { FlowsPage } from './flows/FlowsPage.tsx';
import { EditorPage } from './editor/EditorPage.tsx';

// The what-if, callers and settings pages (and their charts) load when opened, so the flows list and the editor do not wait
// for them; the editor itself is in the first bundle, since fetching it later would delay a flow's first paint.
const WhatIfPage = lazy(() => import('./simulate/WhatIfPage.tsx').then((m) => ({ default: m.WhatIfPage })));
const PersonasPage = lazy(() => import('./personas/PersonasPage.tsx').then((m) => ({ default: m.PersonasPage })));
const QueuesPage = lazy(() => import('./settings/QueuesPage.tsx').then((m) => ({ default: m.QueuesPage })));
const AgentsPage = lazy(() => import('./settings/AgentsPage.tsx').then((m) => ({ default: m.AgentsPage })));
const NumbersPage = lazy(() => import('./settings/NumbersPage.tsx').then((m) => ({ default: m.NumbersPage })));
const WallboardPage = lazy(() => import('./supervisor/WallboardPage.tsx').then((m) => ({ default: m.WallboardPage })));
const AnalyticsPage = lazy(() => import('./analytics/AnalyticsPage.tsx').then((m) => ({ default: m.AnalyticsPage })));
const AgentDeskPage = lazy(() => import('./desk/AgentDeskPage.tsx').then((m) => ({ default: m.AgentDeskPage })));

const Loading = ({ children }: { children: ReactNode }) => (
  <Suspense
    fallback={
      <p className="notice" role="status">
        Loading…
      </p>
    }
  >
    {children}
  </Suspense>
);

/** Three pages need no router library yet; links are plain anchors and the server serves index.html for every page. */
export function App() {
  const route = matchRoute(window.location.pathname);
  if (route.page === 'flow')
    return (
      <div className="app app--editor">
        <AppHeader />
        <main className="editor-main" id="main">
          <EditorPage flowId={route.flowId} />
        </main>
      </div>
    );
  return (
    <>
      <AppHeader />
      <main className="page" id="main">
        {route.page === 'flows' && <FlowsPage />}
        <Loading>
          {route.page === 'what_if' && <WhatIfPage flowId={route.flowId} />}
          {route.page === 'personas' && <PersonasPage />}
          {route.page === 'queues' && <QueuesPage />}
          {route.page === 'agents' && <AgentsPage />}
          {route.page === 'numbers' && <NumbersPage />}
          {route.page === 'agent_desk' && <AgentDeskPage />}
          {route.page === 'wallboard' && <WallboardPage />}
          {route.page === 'analytics' && <AnalyticsPage />}
        </Loading>
        {route.page === 'not_found' && <NotFoundPage />}
      </main>
    </>
  );
}
