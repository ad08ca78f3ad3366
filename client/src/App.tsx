import { AppHeader } from './layout/AppHeader.tsx';
import { FlowsPage } from './flows/FlowsPage.tsx';
import { EditorComingSoonPage } from './editor/EditorComingSoonPage.tsx';
import { NotFoundPage } from './layout/NotFoundPage.tsx';
import { matchRoute } from './matchRoute.ts';

/** Two pages need no router library yet; links are plain anchors and the server serves index.html for every page. */
export function App() {
  const route = matchRoute(window.location.pathname);
  return (
    <>
      <AppHeader />
      <main className="page" id="main">
        {route.page === 'flows' && <FlowsPage />}
        {route.page === 'flow' && <EditorComingSoonPage flowId={route.flowId} />}
        {route.page === 'not_found' && <NotFoundPage />}
      </main>
    </>
  );
}
