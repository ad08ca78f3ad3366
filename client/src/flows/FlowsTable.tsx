import type { FlowSummary } from '@baton/shared';
import { flowPath } from '../matchRoute.ts';
import { FlowActions } from './FlowActions.tsx';
import { DraftStatus, PublishedStatus } from './PublishedStatus.tsx';
import { formatLastChanged, formatLocalDateTime } from './formatLastChanged.ts';

/** The flows as a table: one row per flow, most recently changed first. */
export function FlowsTable({ flows, onChanged, onError }: { flows: FlowSummary[]; onChanged(): void; onError(message: string): void }) {
  const now = new Date();
  const sorted = [...flows].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.name.localeCompare(b.name));
  return (
    <div className="table-card">
      <table className="flows-table">
        <caption>
          {flows.length === 1 ? '1 flow' : `${flows.length} flows`}, most recently changed first
        </caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Description</th>
            <th scope="col">Draft</th>
            <th scope="col">Published</th>
            <th scope="col">Last changed</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((flow) => (
            <tr key={flow.id}>
              <th scope="row" className="flows-table__name">
                <a href={flowPath(flow.id)}>{flow.name || flow.id}</a>
                <span className="flows-table__id">{flow.id}</span>
              </th>
              <td className="flows-table__description">
                {flow.description || <span className="muted">No description</span>}
              </td>
              <td className="flows-table__nowrap">
                <DraftStatus version={flow.version} publishedVersion={flow.publishedVersion} publishedFromDraft={flow.publishedFromDraft} />
              </td>
              <td className="flows-table__nowrap">
                <PublishedStatus publishedVersion={flow.publishedVersion} />
              </td>
              <td className="flows-table__nowrap">
                <time dateTime={flow.updatedAt} title={formatLocalDateTime(flow.updatedAt)}>
                  {formatLastChanged(flow.updatedAt, now)}
                </time>
              </td>
              <td className="flows-table__nowrap">
                <FlowActions flow={flow} onChanged={onChanged} onError={onError} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
