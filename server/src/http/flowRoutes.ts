import { Router, type Request } from 'express';
import { actorName } from '../accounts/actor.ts';
import type { DbPublishRequestRepository } from '../store/DbPublishRequestRepository.ts';
import type { CompileContext, FlowDocument } from '@baton/shared';
import { refusedForAnalyst } from '../accounts/analystChanges.ts';
import { AppError, notFound } from '../errors.ts';
import type { FlowRepository } from '../store/types.ts';
import type { ConversationTestService } from '../usecases/ConversationTestService.ts';
import { sendVersioned } from './sendVersioned.ts';
import { createFlow, noteOf, flowIssues, getFlowOrThrow, publishFlow, rollbackFlow, updateFlow } from '../usecases/flowUseCases.ts';

/** An analyst's save: 403 naming each field they may not change (nothing is saved). */
function onlyAnalystChanges(before: FlowDocument, after: FlowDocument) {
  const refused = refusedForAnalyst(before, after);
  if (refused.length > 0)
    throw new AppError(403, 'not_allowed_for_analyst', `Analysts can change handoff rules and what callers are told, not this: ${refused[0].message}${refused.length > 1 ? ` (and ${refused.length - 1} more)` : ''}. Ask an admin.`, refused);
}

/** `routing`: the queues of Settings → Queues now, which every transfer must reach, and who has which skills. */
export function flowRoutes(flows: FlowRepository, conversationTests: ConversationTestService, routing: () => CompileContext, publishRequests: DbPublishRequestRepository): Router {
  const r = Router();
  const who = (req: Request) => (req.principal ? actorName(req.principal) : 'someone');
  // Publish requests: an analyst asks, an admin approves (publishes the draft as it was asked for) or declines with a note.
  r.get('/:id/publish-requests', (req, res) => {
    getFlowOrThrow(flows, req.params.id);
    res.json(publishRequests.list(req.params.id));
  });
  r.post('/:id/publish-requests', async (req, res) => {
    const draft = getFlowOrThrow(flows, req.params.id);
    if (publishRequests.list(draft.id).some((p) => p.status === 'open' && p.draftVersion === draft.version))
      throw new AppError(409, 'already_requested', 'This draft is already waiting for an admin to publish it.');
    res.status(201).json(await publishRequests.add(draft.id, draft.version, who(req), noteOf(req.body)));
  });
  r.post('/:id/publish-requests/:requestId/approve', async (req, res) => {
    const request = openRequest(req.params.id, req.params.requestId);
    const draft = getFlowOrThrow(flows, req.params.id);
    if (draft.version !== request.draftVersion)
      throw new AppError(409, 'draft_changed_since_request', `The draft changed after ${request.requestedBy} asked (it was revision ${request.draftVersion}, now ${draft.version}). Decline this request, or publish the draft as it is now.`);
    const note = noteOf(req.body) ?? request.note;
    const published = await publishFlow(flows, draft.id, (id) => conversationTests.runAllOnDraft(id), routing(), note ? `${note} (asked by ${request.requestedBy})` : `asked by ${request.requestedBy}`);
    res.json(await publishRequests.decide(request.id, { status: 'approved', decidedBy: who(req), publishedVersion: published.publishedVersion, ...(noteOf(req.body) ? { decisionNote: noteOf(req.body) } : {}) }));
  });
  r.post('/:id/publish-requests/:requestId/decline', async (req, res) => {
    const request = openRequest(req.params.id, req.params.requestId);
    const note = noteOf(req.body);
    if (!note) throw new AppError(400, 'invalid_body', 'note: say why, so the analyst knows what to change.', [{ path: 'note', message: 'say why the request is declined' }]);
    res.json(await publishRequests.decide(request.id, { status: 'declined', decidedBy: who(req), decisionNote: note }));
  });
  const openRequest = (flowId: string, requestId: string) => {
    const request = publishRequests.get(requestId);
    if (!request || request.flowId !== flowId) throw notFound('publish request', requestId);
    return request;
  };
  r.get('/', (req, res) => {
    // Someone who works on some flows sees those.
    const theirs = req.principal?.flowIds;
    res.json(theirs?.length ? flows.list().filter((f) => theirs.includes(f.id)) : flows.list());
  });
  r.post('/', async (req, res) => {
    const flow = await createFlow(flows, req.body);
    sendVersioned(res.location(`/api/flows/${flow.id}`), flow, 201);
  });
  r.get('/:id', (req, res) => {
    sendVersioned(res, getFlowOrThrow(flows, req.params.id));
  });
  r.put('/:id', async (req, res) => {
    sendVersioned(res, await updateFlow(flows, req.params.id, req.body, req.get('If-Match'), req.principal?.role === 'analyst' ? onlyAnalystChanges : undefined));
  });
  r.delete('/:id', async (req, res) => {
    await flows.remove(req.params.id);
    res.status(204).end();
  });
  r.get('/:id/issues', (req, res) => {
    res.json(flowIssues(flows, req.params.id, routing()));
  });
  // 422 `flow_has_errors` (issues: FlowIssue[]) or 422 `conversation_tests_failed`
  // (issues: ConversationTestFailure[]: each failing test's id, name and failing expectations).
  r.post('/:id/publish', async (req, res) => {
    res.json(await publishFlow(flows, req.params.id, (id) => conversationTests.runAllOnDraft(id), routing(), noteOf(req.body)));
  });
  r.get('/:id/versions', (req, res) => {
    getFlowOrThrow(flows, req.params.id);
    res.json(flows.versions(req.params.id));
  });
  // Publishes an earlier version again as the newest; 404 for an unknown one, 422 when it no longer compiles.
  r.post('/:id/versions/:v/rollback', async (req, res) => {
    res.json(await rollbackFlow(flows, req.params.id, req.params.v, routing(), noteOf(req.body)));
  });
  r.get('/:id/versions/:v', (req, res) => {
    const n = Number(req.params.v);
    const version = Number.isInteger(n) ? flows.version(req.params.id, n) : undefined;
    if (!version) throw notFound(`published version of "${req.params.id}"`, req.params.v);
    res.json(version);
  });
  return r;
}
