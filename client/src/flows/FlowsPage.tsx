import { useState } from 'react';
import { Group } from '@mantine/core';
import { fetchFlows } from '../api/fetchFlows.ts';
import { useApi } from '../api/useApi.ts';
import { notify } from '../editor/notify.ts';
import { FlowsTable } from './FlowsTable.tsx';
import { ImportFlowButton } from './ImportFlowButton.tsx';
import { NewFlowButton } from './NewFlowButton.tsx';

const showError = (message: string) => notify('red', 'Something went wrong', message);

/** The home page: every flow with its draft and published versions. */
export function FlowsPage() {
  // Bumped after a change (duplicate, delete) so the list loads again.
  const [loads, setLoads] = useState(0);
  const flows = useApi(fetchFlows, `flows-${loads}`);
  return (
    <section aria-labelledby="flows-title">
      <div className="page-heading page-heading--with-action">
        <div>
          <h1 id="flows-title">Flows</h1>
          <p className="page-heading__lead">
            A flow decides what the AI says on a call, when the call goes to a person, and what the caller hears while it
            happens.
          </p>
        </div>
        {flows.status === 'ready' && (
          <Group gap="sm" wrap="nowrap">
            <ImportFlowButton onError={showError} />
            <NewFlowButton flows={flows.data} />
          </Group>
        )}
      </div>

      {flows.status === 'loading' && (
        <p className="notice" role="status">
          Loading the flows…
        </p>
      )}

      {flows.status === 'error' && (
        <div className="notice notice--error" role="alert">
          <p>
            Could not load the flows: {flows.message}. Check that the Baton server is running, then reload.
          </p>
        </div>
      )}

      {flows.status === 'ready' && flows.data.length === 0 && (
        <div className="notice notice--empty" role="status">
          <h2>No flows yet</h2>
          <p>
            Flows appear here once they are created. The Baton server adds the example flows when it starts with an
            empty data folder.
          </p>
        </div>
      )}

      {flows.status === 'ready' && flows.data.length > 0 && <FlowsTable flows={flows.data} onChanged={() => setLoads((n) => n + 1)} onError={showError} />}
    </section>
  );
}
