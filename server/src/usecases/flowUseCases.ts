import { blocksSaving, compileFlow, flowIdFromName, freeFlowId, hasErrors, parseFlow, type CompileContext, type ConversationTestFailure, type ConversationTestRun, type FlowDocument, type FlowIssue } from '@baton/shared';
import { AppError, notFound } from '../errors.ts';
import type { FlowRepository } from '../store/types.ts';
import { versionFromIfMatch } from './ifMatch.ts';


/** Checks a document someone wants to store; throws 422 with the issues that stop it. */
export function validateForSave(body: unknown): FlowDocument {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new AppError(400, 'invalid_body', 'Send the flow as a JSON object.');
  const parsed = parseFlow(body);
  const compiled = parsed.parsed ? compileFlow(body) : { issues: parsed.issues };
  const blocking = compiled.issues.filter(blocksSaving);
  if (!parsed.parsed || blocking.length > 0) {
    const first = blocking[0] ?? parsed.issues[0];
    throw new AppError(422, 'invalid_flow', `The flow cannot be saved: ${first?.message ?? 'it is not a valid flow document.'}`, blocking.length > 0 ? blocking : parsed.issues);
  }
  return parsed.parsed.flow;
}

export function getFlowOrThrow(flows: FlowRepository, id: string) {
  const flow = flows.get(id);
  if (!flow) throw notFound('flow', id);
  return flow;
}

/** Stores a new flow; one sent without an id gets the first free id made from its name, as the editor names new flows. */
export async function createFlow(flows: FlowRepository, body: unknown) {
  const flow = validateForSave(withIdFromName(flows, body));
  if (!isMissingId(body)) return flows.create(flow);
  // Another flow of the same name may take the id between the check and the write: then the next free one is used.
  for (let attempt = 0; ; attempt++) {
    try {
      return await flows.create(attempt === 0 ? flow : { ...flow, id: freeIdFor(flows, flow.name) });
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'flow_exists') || attempt >= 2) throw err;
    }
  }
}

const isMissingId = (body: unknown) => {
  const id = (body as { id?: unknown } | null)?.id;
  return id === undefined || id === null || id === '';
};

function freeIdFor(flows: FlowRepository, name: unknown): string {
  const id = freeFlowId(flowIdFromName(typeof name === 'string' ? name : ''), (candidate) => flows.summary(candidate) !== undefined);
  if (!id) throw new AppError(409, 'flow_exists', `There are already many flows named like "${String(name).slice(0, 80)}"; choose another name.`);
  return id;
}

function withIdFromName(flows: FlowRepository, body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || !isMissingId(body)) return body;
  return { ...body, id: freeIdFor(flows, (body as { name?: unknown }).name) };
}

/** `allowed`: for a role that may change only part of a flow, throws when the save changes more (checked against the draft). */
export async function updateFlow(flows: FlowRepository, id: string, body: unknown, ifMatch: string | undefined, allowed?: (before: FlowDocument, after: FlowDocument) => void) {
  const expected = versionFromIfMatch(ifMatch);
  const before = getFlowOrThrow(flows, id);
  const flow = validateForSave(body);
  if (flow.id !== id) throw new AppError(400, 'id_mismatch', `The flow in the body has id "${flow.id}" but the address is for "${id}". Use the same id.`);
  allowed?.(before, flow);
  return flows.update(id, flow, expected);
}

/** The draft's issues, checked against the contact center's queues and agents (`routing`) as a publish would be. */
export function flowIssues(flows: FlowRepository, id: string, routing: CompileContext): FlowIssue[] {
  return compileFlow(getFlowOrThrow(flows, id), routing).issues;
}

/**
 * Publishes the draft if it compiles without errors and every conversation test `runDraftTests`
 * plays on it passes; otherwise 422 `flow_has_errors` or 422 `conversation_tests_failed`.
 */
export async function publishFlow(flows: FlowRepository, id: string, runDraftTests: (flowId: string) => ConversationTestRun, routing: CompileContext, note?: string) {
  const draft = getFlowOrThrow(flows, id);
  // A transfer to a queue that is not in Settings → Queues would fail on every call: it is refused here.
  const { issues } = compileFlow(draft, routing);
  if (hasErrors(issues)) {
    const errors = issues.filter((i) => i.severity === 'error');
    throw new AppError(422, 'flow_has_errors', `The flow has ${errors.length} error(s) to fix before it can be published.`, errors);
  }
  const run = runDraftTests(id);
  if (run.failed > 0) {
    const failures: ConversationTestFailure[] = run.results
      .filter((r) => !r.passed)
      .map(({ id: testId, name, expectations }) => ({ id: testId, name, expectations: expectations.filter((e) => !e.passed) }));
    const total = run.passed + run.failed;
    throw new AppError(422, 'conversation_tests_failed', `${run.failed} of ${total} conversation test(s) failed on the draft, so it was not published: ${failures.map((f) => `"${f.name}"`).join(', ')}.`, failures);
  }
  // The version the tests ran on: a save that lands meanwhile is not published untested.
  const published = await flows.publish(id, draft.version, note);
  return { publishedVersion: published.publishedVersion, draftVersion: published.draftVersion, publishedAt: published.publishedAt, ...(published.publishedBy ? { publishedBy: published.publishedBy } : {}) };
}

/** The note a publish or a rollback may carry (`{ note }`; a bodiless request has none). */
export function noteOf(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  const note = (body as { note?: unknown }).note;
  if (note === undefined || note === '') return undefined;
  if (typeof note !== 'string' || note.length > 500) throw new AppError(400, 'invalid_body', 'note: write the note as text of at most 500 characters.', [{ path: 'note', message: 'text of at most 500 characters' }]);
  return note.trim() || undefined;
}

/**
 * Rolls back: publishes an earlier version again as the newest (the draft is left as it is), once it still compiles
 * against the contact center's queues as they are now (422 `flow_has_errors` naming what to fix otherwise). Its
 * conversation tests ran when it was first published; the draft's tests may already expect the newer behaviour.
 */
export async function rollbackFlow(flows: FlowRepository, id: string, versionText: string, routing: CompileContext, note?: string) {
  getFlowOrThrow(flows, id);
  const n = Number(versionText);
  const source = /^\d{1,9}$/.test(versionText) ? flows.version(id, n) : undefined;
  if (!source) throw notFound(`published version of "${id}"`, versionText);
  const { issues } = compileFlow(source.flow, routing);
  if (hasErrors(issues)) {
    const errors = issues.filter((i) => i.severity === 'error');
    throw new AppError(422, 'flow_has_errors', `Version ${n} cannot be published again as it is: ${errors[0]!.message}`, errors);
  }
  const published = await flows.rollback(id, n, note);
  return { publishedVersion: published.publishedVersion, draftVersion: published.draftVersion, publishedAt: published.publishedAt, rolledBackFrom: n };
}
