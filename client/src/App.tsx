import { AppHeader } from './layout/AppHeader.tsx';
import { FlowsPage } from './flows/FlowsPage.tsx';
import { EditorPage } from './editor/EditorPage.tsx';
import { NotFoundPage } from './layout/NotFoundPage.tsx';
import { WhatIfPage } from './simulate/WhatIfPage.tsx';
import { PersonasPage } from './personas/PersonasPage.tsx';
import { matchRoute } from './matchRoute.ts';

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
        {route.page === 'what_if' && <WhatIfPage flowId={route.flowId} />}
        {route.page === 'personas' && <PersonasPage />}
        {route.page === 'not_found' && <NotFoundPage />}
      </main>
    </>
  );
}
