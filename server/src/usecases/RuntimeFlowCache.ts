import { compileFlow, hasErrors, type FlowDocument } from '@baton/shared';
import { prepareFlow, type RuntimeFlow } from '../engine/RuntimeFlow.ts';
import { AppError, notFound } from '../errors.ts';
import type { Nlu } from '../nlu/Nlu.ts';
import type { FlowRepository } from '../store/types.ts';

const MAX_FLOWS_IN_MEMORY = 200;

/** Which version of a flow to run: the draft, the latest published version, or a given published one. */
export type RequestedVersion = 'draft' | 'published' | number;

/**
 * The one place a flow version is compiled and its intent models trained, for calls and conversation
 * tests alike: training is the slow part, so each flow revision is prepared once.
 */
export class RuntimeFlowCache {
  private readonly runtimes = new Map<string, RuntimeFlow>();

  constructor(
    private readonly flows: FlowRepository,
    private readonly nlu: Nlu,
  ) {}

  /**
   * A flow document as it would run, not stored and not cached: what the editor shows, before it is saved. AppError 422
   * `flow_has_errors` when it does not compile.
   */
  runtimeOfDocument(doc: unknown, purpose: string): RuntimeFlow {
    const { compiled, issues } = compileFlow(doc);
    if (!compiled || hasErrors(issues)) throw new AppError(422, 'flow_has_errors', `This version of the flow has errors, so ${purpose}. Fix them first.`, issues.filter((i) => i.severity === 'error'));
    return prepareFlow(compiled, 'draft', this.nlu);
  }

  /** AppError 404 for an unknown flow or version, 422 `flow_has_errors` when it does not compile (`purpose` finishes that message). */
  runtimeFor(flowId: string, wanted: RequestedVersion, purpose = 'calls cannot run on it'): RuntimeFlow {
    const summary = this.flows.summary(flowId);
    if (!summary) throw notFound('flow', flowId);
    const version: number | 'draft' = wanted === 'published' ? (summary.publishedVersion ?? 0) : wanted;
    // Published versions never change; a draft is compiled again when its version moves on (or the flow was deleted and created again).
    const key = version === 'draft' ? `${flowId}@draft#${summary.version}@${summary.updatedAt}` : `${flowId}@${version}`;
    const cached = this.runtimes.get(key);
    if (cached) return cached;
    let doc: FlowDocument;
    if (version === 'draft') doc = this.flows.get(flowId)!;
    else {
      const published = this.flows.version(flowId, version);
      if (!published) throw new AppError(404, 'version_not_found', wanted === 'published' ? `The flow "${flowId}" has not been published yet; publish it or call the draft.` : `The flow "${flowId}" has no published version ${version}.`);
      doc = published.flow;
    }
    const { compiled, issues } = compileFlow(doc);
    if (!compiled || hasErrors(issues)) throw new AppError(422, 'flow_has_errors', `The flow "${flowId}" has errors, so ${purpose}. Fix them first.`, issues.filter((i) => i.severity === 'error'));
    const runtime = prepareFlow(compiled, version, this.nlu);
    this.runtimes.set(key, runtime);
    if (this.runtimes.size > MAX_FLOWS_IN_MEMORY) this.runtimes.delete(this.runtimes.keys().next().value!);
    return runtime;
  }
}
