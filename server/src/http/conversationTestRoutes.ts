import { Router } from 'express';
import type { ConversationTestService } from '../usecases/ConversationTestService.ts';

/**
 * Mounted at /api/flows/:id/tests.
 * GET    /                 the flow's tests, each with its id
 * POST   /                 a test (without id) -> 201 with its id; 409 `conversation_test_exists` on a taken name;
 *                          422 `invalid_conversation_test` with `issues: [{ path, message }]` when malformed
 * PUT    /:testId          replaces the test, keeping its id; same errors, 404 for an unknown test
 * DELETE /:testId          -> 204
 * POST   /run              { testIds?, version?: "draft"|"published"|n } -> { flow, passed, failed, results[] };
 *                          422 `flow_has_errors` when that version does not compile
 * POST   /preview          { flow } -> the same, every test run on that flow document (unsaved changes included);
 *                          422 `invalid_preview` for another flow's document, `flow_has_errors` when it does not compile
 */
export function conversationTestRoutes(tests: ConversationTestService): Router {
  const r = Router({ mergeParams: true });
  r.get('/', (req, res) => {
    res.json(tests.list(flowId(req.params)));
  });
  r.post('/', async (req, res) => {
    const created = await tests.create(flowId(req.params), req.body);
    res.status(201).location(`/api/flows/${encodeURIComponent(flowId(req.params))}/tests/${encodeURIComponent(created.id)}`).json(created);
  });
  r.post('/run', (req, res) => {
    res.json(tests.run(flowId(req.params), req.body));
  });
  r.post('/preview', (req, res) => {
    res.json(tests.preview(flowId(req.params), req.body));
  });
  r.put('/:testId', async (req, res) => {
    res.json(await tests.update(flowId(req.params), req.params.testId, req.body));
  });
  r.delete('/:testId', async (req, res) => {
    await tests.remove(flowId(req.params), req.params.testId);
    res.status(204).end();
  });
  return r;
}

// The flow id comes from the parent path (mergeParams), which Express's types do not see.
const flowId = (params: object) => (params as { id: string }).id;
