import { csrfHeaders } from '../../api/csrf.ts';
import type { ConversationTest, ConversationTestRun, FlowDocument, StoredConversationTest } from '@baton/shared';
import { fetchJson, sendJson } from '../../api/fetchJson.ts';

const base = (flowId: string) => `/api/flows/${encodeURIComponent(flowId)}/tests`;

export const fetchConversationTests = (flowId: string, signal?: AbortSignal) => fetchJson<StoredConversationTest[]>(base(flowId), signal);

export const createConversationTest = (flowId: string, test: ConversationTest) => sendJson<StoredConversationTest>(base(flowId), 'POST', test);

export async function deleteConversationTest(flowId: string, testId: string): Promise<void> {
  const response = await fetch(`${base(flowId)}/${encodeURIComponent(testId)}`, { method: 'DELETE', headers: csrfHeaders() });
  if (!response.ok && response.status !== 404) throw new Error(`the server answered with status ${response.status}`);
}

/** Runs the given tests (all when none are given) on the draft. */
export const runConversationTests = (flowId: string, testIds?: string[]) => sendJson<ConversationTestRun>(`${base(flowId)}/run`, 'POST', testIds ? { testIds } : {});

/** Every test of the flow run on the flow as the editor holds it, unsaved changes included: what a change would do. */
export const previewConversationTests = (flow: FlowDocument) => sendJson<ConversationTestRun>(`${base(flow.id)}/preview`, 'POST', { flow });
