import {
  conversationTestRunRequestSchema,
  conversationTestSchema,
  type ConversationTest,
  type ConversationTestOutcome,
  type ConversationTestRun,
  type StoredConversationTest,
} from '@baton/shared';
import { runConversation } from '../conversations/runConversation.ts';
import type { RuntimeFlow } from '../engine/RuntimeFlow.ts';
import { AppError, notFound } from '../errors.ts';
import type { Store } from '../store/types.ts';
import { parseBody } from './callInputs.ts';
import type { RuntimeFlowCache } from './RuntimeFlowCache.ts';

/**
 * Reads a test from a request body. The body may carry the `id` it was read with (ignored on create,
 * must match the address on update). A malformed test is 422 naming the path of each problem; a test
 * naming node ids the flow lacks is still valid: running it says so.
 */
function parseTest(body: unknown, testId?: string): ConversationTest {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new AppError(400, 'invalid_body', 'Send the conversation test as a JSON object.');
  const { id, ...rest } = body as Record<string, unknown>;
  if (testId !== undefined && id !== undefined && id !== testId)
    throw new AppError(400, 'id_mismatch', `The test in the body has id "${String(id)}" but the address is for "${testId}". Use the same id.`);
  const parsed = conversationTestSchema.safeParse(rest);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const first = issues[0];
  throw new AppError(422, 'invalid_conversation_test', `The conversation test cannot be saved: ${first.path ? `${first.path}: ` : ''}${first.message}.`, issues);
}

/** Conversation tests stored with each flow: kept, edited, and played through the engine. */
export class ConversationTestService {
  constructor(
    private readonly store: Store,
    private readonly runtimes: RuntimeFlowCache,
  ) {}

  list(flowId: string): StoredConversationTest[] {
    this.requireFlow(flowId);
    return this.store.conversationTests.list(flowId);
  }

  async create(flowId: string, body: unknown): Promise<StoredConversationTest> {
    this.requireFlow(flowId);
    const [created] = await this.store.conversationTests.create(flowId, [parseTest(body)]);
    return created;
  }

  async update(flowId: string, testId: string, body: unknown): Promise<StoredConversationTest> {
    this.requireFlow(flowId);
    return this.store.conversationTests.update(flowId, testId, parseTest(body, testId));
  }

  remove(flowId: string, testId: string): Promise<void> {
    return this.store.conversationTests.remove(flowId, testId);
  }

  /** Runs the chosen tests (default all) on the chosen version (default the draft). */
  run(flowId: string, body: unknown): ConversationTestRun {
    this.requireFlow(flowId);
    const request = parseBody(conversationTestRunRequestSchema, body);
    const stored = this.store.conversationTests.list(flowId);
    let tests = stored;
    if (request.testIds) {
      const missing = request.testIds.filter((id) => !stored.some((t) => t.id === id));
      if (missing.length > 0) throw new AppError(404, 'not_found', `The flow "${flowId}" has no conversation test with id ${missing.map((id) => `"${id}"`).join(', ')}.`);
      tests = stored.filter((t) => request.testIds!.includes(t.id));
    }
    return this.runTests(flowId, tests, request.version ?? 'draft');
  }

  /** Every test on the current draft: what publishing checks first. */
  runAllOnDraft(flowId: string): ConversationTestRun {
    const tests = this.store.conversationTests.list(flowId);
    // Nothing to play: no need to train the draft's intent models.
    if (tests.length === 0) return { flow: { id: flowId, version: 'draft' }, passed: 0, failed: 0, results: [] };
    return this.runTests(flowId, tests, 'draft');
  }

  /**
   * Every test on a flow document the editor holds, saved or not: what a change (a trigger's threshold) would do to
   * them before it is kept. The document must be this flow's.
   */
  preview(flowId: string, body: unknown): ConversationTestRun {
    this.requireFlow(flowId);
    const doc = (body as { flow?: unknown } | null)?.flow;
    if (!doc || typeof doc !== 'object' || (doc as { id?: unknown }).id !== flowId)
      throw new AppError(422, 'invalid_preview', `Send the flow to try as { "flow": { "id": "${flowId}", … } }: the tests of "${flowId}" run on that flow only.`);
    const tests = this.store.conversationTests.list(flowId);
    if (tests.length === 0) return { flow: { id: flowId, version: 'draft' }, passed: 0, failed: 0, results: [] };
    return this.runTests(flowId, tests, this.runtimes.runtimeOfDocument(doc, 'its conversation tests cannot run'));
  }

  private runTests(flowId: string, tests: StoredConversationTest[], version: 'draft' | 'published' | number | RuntimeFlow): ConversationTestRun {
    const flow = typeof version === 'object' ? version : this.runtimes.runtimeFor(flowId, version, 'its conversation tests cannot run');
    const results = tests.map((test): ConversationTestOutcome => {
      const outcome = runConversation(flow, test);
      return {
        id: test.id,
        name: test.name,
        passed: outcome.passed,
        expectations: outcome.results,
        heard: outcome.heard.map((a) => a.text),
        path: outcome.session.path.toArray(),
        handoff: outcome.session.handoff?.reason ?? null,
      };
    });
    const passed = results.filter((r) => r.passed).length;
    return { flow: { id: flowId, version: flow.version }, passed, failed: results.length - passed, results };
  }

  private requireFlow(flowId: string) {
    if (!this.store.flows.summary(flowId)) throw notFound('flow', flowId);
  }
}
