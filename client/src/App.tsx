import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import type { SessionView } from '@baton/shared';
import { goToSignIn } from './api/csrf.ts';
import { SessionContext, pagesOf, readSession } from './session/session.ts';
import { SignInPage } from './session/SignInPage.tsx';
import { WelcomePage } from './session/WelcomePage.tsx';
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
const PeoplePage = lazy(() => import('./settings/PeoplePage.tsx').then((m) => ({ default: m.PeoplePage })));
const AuditPage = lazy(() => import('./settings/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));
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

/** Every page but signing in needs someone signed in: without a session, the sign-in page, then back here. */
export function App() {
  const route = matchRoute(window.location.pathname);
  const open = route.page === 'sign_in' || route.page === 'welcome';
  const [session, setSession] = useState<SessionView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (open) return;
    readSession().then(
      (s) => (s ? setSession(s) : goToSignIn()),
      (e: unknown) => setProblem(e instanceof Error ? e.message : String(e)),
    );
  }, [open]);
  if (open)
    return (
      <main className="page page--narrow" id="main">
        {route.page === 'sign_in' ? <SignInPage /> : <WelcomePage />}
      </main>
    );
  if (!session)
    return (
      <p className="notice" role="status">
        {problem ? `Could not reach Baton: ${problem}. Check that the server is running, then reload the page.` : 'Loading…'}
      </p>
    );
  // A role's start page is its first: an agent opening Baton lands on the desk.
  if (route.page === 'flows' && !pagesOf[session.user.role].includes('/')) {
    window.location.replace(pagesOf[session.user.role][0] ?? '/sign-in');
    return null;
  }
  return (
    <SessionContext.Provider value={session}>
      <Pages route={route} />
    </SessionContext.Provider>
  );
}

/** Pages need no router library yet; links are plain anchors and the server serves index.html for every page. */
function Pages({ route }: { route: ReturnType<typeof matchRoute> }) {
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
          {route.page === 'people' && <PeoplePage />}
          {route.page === 'audit' && <AuditPage />}
        </Loading>
        {route.page === 'not_found' && <NotFoundPage />}
      </main>
    </>
  );
}
