import { Router } from 'express';
import type { CompileContext, FlowDocument } from '@baton/shared';
import { refusedForAnalyst } from '../accounts/analystChanges.ts';
import { AppError, notFound } from '../errors.ts';
import type { FlowRepository } from '../store/types.ts';
import type { ConversationTestService } from '../usecases/ConversationTestService.ts';
import { sendVersioned } from './sendVersioned.ts';
import { createFlow, flowIssues, getFlowOrThrow, publishFlow, rollbackFlow, updateFlow } from '../usecases/flowUseCases.ts';

/** An analyst's save: 403 naming each field they may not change (nothing is saved). */
function onlyAnalystChanges(before: FlowDocument, after: FlowDocument) {
  const refused = refusedForAnalyst(before, after);
  if (refused.length > 0)
    throw new AppError(403, 'not_allowed_for_analyst', `Analysts can change handoff rules and what callers are told, not this: ${refused[0].message}${refused.length > 1 ? ` (and ${refused.length - 1} more)` : ''}. Ask an admin.`, refused);
}

/** `routing`: the queues of Settings → Queues now, which every transfer must reach, and who has which skills. */
export function flowRoutes(flows: FlowRepository, conversationTests: ConversationTestService, routing: () => CompileContext): Router {
  const r = Router();
  r.get('/', (_req, res) => {
    res.json(flows.list());
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
    res.json(await publishFlow(flows, req.params.id, (id) => conversationTests.runAllOnDraft(id), routing()));
  });
  r.get('/:id/versions', (req, res) => {
    getFlowOrThrow(flows, req.params.id);
    res.json(flows.versions(req.params.id));
  });
  // Publishes an earlier version again as the newest; 404 for an unknown one, 422 when it no longer compiles.
  r.post('/:id/versions/:v/rollback', async (req, res) => {
    res.json(await rollbackFlow(flows, req.params.id, req.params.v, routing()));
  });
  r.get('/:id/versions/:v', (req, res) => {
    const n = Number(req.params.v);
    const version = Number.isInteger(n) ? flows.version(req.params.id, n) : undefined;
    if (!version) throw notFound(`published version of "${req.params.id}"`, req.params.v);
    res.json(version);
  });
  return r;
}
