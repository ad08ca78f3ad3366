import { fetchFlow } from '../api/fetchFlow.ts';
import { useApi } from '../api/useApi.ts';
import { PublishedStatus } from '../flows/PublishedStatus.tsx';

/** Stands in for the flow editor until it exists: the flow's summary and a way back. */
export function EditorComingSoonPage({ flowId }: { flowId: string }) {
  const flow = useApi((signal) => fetchFlow(flowId, signal), flowId);
  return (
    <section aria-labelledby="flow-title" className="panel">
      <p>
        <a href="/">
          <span aria-hidden="true">← </span>All flows
        </a>
      </p>
      <h1 id="flow-title">{flow.status === 'ready' ? flow.data.name : flowId}</h1>
      <p>The editor is coming soon; here is the flow's JSON summary.</p>
      {flow.status === 'loading' && <p role="status">Loading the flow…</p>}
      {flow.status === 'error' && (
        <p className="notice notice--error" role="alert">
          Could not load this flow: {flow.message}.
        </p>
      )}
      {flow.status === 'ready' && (
        <>
          <dl className="summary">
            <dt>Draft</dt>
            <dd>Draft version {flow.data.version}</dd>
            <dt>Published</dt>
            <dd>
              <PublishedStatus publishedVersion={flow.data.publishedVersion ?? null} />
            </dd>
            <dt>Steps</dt>
            <dd>
              {count(flow.data.nodes.length, 'node')}, {count(flow.data.edges.length, 'connection')}
            </dd>
          </dl>
          <pre className="json" aria-label="Flow summary as JSON">
            {JSON.stringify(
              {
                id: flow.data.id,
                name: flow.data.name,
                description: flow.data.description,
                version: flow.data.version,
                nodes: flow.data.nodes.map((node) => `${node.id} (${node.kind})`),
                edges: flow.data.edges.length,
              },
              null,
              2,
            )}
          </pre>
        </>
      )}
    </section>
  );
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
