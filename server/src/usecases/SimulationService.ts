import { randomUUID } from 'node:crypto';
import { personaSchema, simulationRequestSchema, staffingSchema, type Persona, type RealCallsReplay, type RealPhrasing, type SimulatedCall, type SimulationRequest, type SimulationRun, type Versioned } from '@baton/shared';
import { AppError, notFound } from '../errors.ts';
import type { Nlu } from '../nlu/Nlu.ts';
import { IN_PROCESS_LIMIT, runSimulation, type SimulationOutput, type VersionRun } from '../simulation/runSimulation.ts';
import { replayRealCall, type RealCall } from '../simulation/replayRealCall.ts';
import { replayRealCalls } from '../simulation/replayRealCalls.ts';
import { simulateCall, transcriptOf, type SimulatedCallDetail } from '../simulation/simulateCall.ts';
import { simulationFlow, type FlowUnderTest } from '../simulation/simulationFlow.ts';
import { SimulationCancelled, SimulationWorkers } from '../simulation/SimulationWorkers.ts';
import type { Store } from '../store/types.ts';
import { parseBody } from './callInputs.ts';
import { preconditionOf } from './ifMatch.ts';
import type { SaveConditions } from './StaffingService.ts';
import type { RuntimeFlowCache } from './RuntimeFlowCache.ts';

/** Finished runs kept for their drill-down; older ones are forgotten first. */
const RUNS_KEPT = 20;

interface RunRecord {
  id: string;
  status: SimulationRun['status'];
  progress: { done: number; total: number };
  request: SimulationRequest;
  flow: FlowUnderTest;
  baseline?: FlowUnderTest;
  personas: Persona[];
  /** A replay of real calls: the calls, by index. */
  realCalls?: RealCall[];
  replay?: RealCallsReplay;
  realPhrasing?: RealPhrasing;
  output?: SimulationOutput;
  error?: string;
  abort: AbortController;
}

/** A flow's finished real calls that started in the period: the newest `limit`, oldest first, and how many there were. */
export type RealCallSource = (query: { flowId: string; from: Date; to: Date; limit: number }) => Promise<{ found: number; calls: RealCall[] }>;

/** How real callers of a flow put an intent in the period: the most said phrases first, at most `limit`. */
export type RealPhraseSource = (query: { flowId: string; intent: string; from: Date; to: Date; limit: number }) => Promise<string[]>;

/** What the server keeps of real calls for simulations: the calls to replay and the words callers used. */
export interface RealTraffic {
  calls?: RealCallSource;
  phrases?: RealPhraseSource;
}

/** Phrases from real calls added to each of a persona's goals (the persona keeps its own; a goal holds at most 50). */
const REAL_PHRASES_PER_INTENT = 20;
const MAX_UTTERANCES = 50;

/** Simulated callers and what-if runs: the use cases behind /api/simulations and /api/personas. */
export class SimulationService {
  private readonly runs = new Map<string, RunRecord>();

  constructor(
    private readonly store: Store,
    private readonly runtimes: RuntimeFlowCache,
    private readonly nlu: Nlu,
    private readonly real: RealTraffic = {},
    private readonly workers = new SimulationWorkers(),
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Runs of at most IN_PROCESS_LIMIT calls finish before this returns (`finished`); larger ones run in the background on worker threads. */
  async start(body: unknown): Promise<{ run: SimulationRun; finished: boolean }> {
    const parsed = parseBody(simulationRequestSchema, body);
    // The run shows the staffing it used, defaults included.
    const staffing = parsed.staffing ?? staffingSchema.parse({});
    const request: SimulationRequest = { ...parsed, staffing };
    const flow = this.flowUnderTest(request.flowId, request.version ?? 'draft');
    const baseline = request.compareWith !== undefined ? this.flowUnderTest(request.flowId, request.compareWith) : undefined;
    if (request.realCalls) return this.startReplay(request, flow, baseline);
    const { personas, realPhrasing } = await this.speakingAsRealCallers(request, this.personasFor(request.personas));
    const record: RunRecord = {
      id: randomUUID(),
      status: 'running',
      progress: { done: 0, total: request.calls * (baseline ? 2 : 1) },
      request,
      flow,
      baseline,
      personas,
      ...(realPhrasing ? { realPhrasing } : {}),
      abort: new AbortController(),
    };
    this.remember(record);
    const running = runSimulation(
      { flow, baseline, personas, calls: request.calls, seed: request.seed, staffing },
      { nlu: this.nlu, workers: this.workers, signal: record.abort.signal, onProgress: (done, total) => (record.progress = { done, total }) },
    ).then((output) => {
      if (record.abort.signal.aborted) return;
      record.output = output;
      record.status = 'done';
    });
    return this.settle(record, running, request.calls > IN_PROCESS_LIMIT);
  }

  /** Real calls replayed instead of simulated callers: the same run, report and what-if, and the reproduction check. */
  private async startReplay(request: SimulationRequest, flow: FlowUnderTest, baseline: FlowUnderTest | undefined): Promise<{ run: SimulationRun; finished: boolean }> {
    if (request.personas) throw new AppError(400, 'personas_with_real_calls', 'A replay of real calls has real callers: send "realCalls" or "personas", not both.');
    if (request.realPhrasing) throw new AppError(400, 'real_phrasing_with_real_calls', 'A replay of real calls already has the real callers\' words: send "realCalls" or "realPhrasing", not both.');
    if (!this.real.calls) throw new AppError(501, 'no_real_calls', 'This server does not keep real calls to replay.');
    const to = this.clock();
    const from = new Date(to.getTime() - request.realCalls!.days * 86_400_000);
    const { found, calls } = await this.real.calls({ flowId: request.flowId, from, to, limit: request.calls });
    if (calls.length === 0)
      throw new AppError(422, 'no_real_calls', `The flow "${request.flowId}" has no finished calls in the last ${request.realCalls!.days} days to replay. Choose more days, or simulate callers instead.`);
    const record: RunRecord = {
      id: randomUUID(),
      status: 'running',
      progress: { done: 0, total: calls.length * (baseline ? 2 : 1) },
      request: { ...request, calls: calls.length },
      flow,
      baseline,
      personas: [],
      realCalls: calls,
      abort: new AbortController(),
    };
    this.remember(record);
    const running = replayRealCalls({ flow, baseline, calls, seed: request.seed, staffing: request.staffing! }, { nlu: this.nlu, workers: this.workers, signal: record.abort.signal, onProgress: (done, total) => (record.progress = { done, total }) }).then((output) => {
      if (record.abort.signal.aborted) return;
      record.output = output;
      record.replay = { from: from.toISOString(), to: to.toISOString(), found, reproduction: output.reproduction };
      record.status = 'done';
    });
    return this.settle(record, running, calls.length > IN_PROCESS_LIMIT);
  }

  /**
   * With `realPhrasing`: each persona's goals also hold the phrases real callers of the flow used for that intent in
   * the period, most said first, so simulated callers speak as real ones did. Intents nobody said keep the persona's words.
   */
  private async speakingAsRealCallers(request: SimulationRequest, personas: Persona[]): Promise<{ personas: Persona[]; realPhrasing?: RealPhrasing }> {
    if (!request.realPhrasing) return { personas };
    if (!this.real.phrases) throw new AppError(501, 'no_real_calls', 'This server does not keep real calls to take callers\' words from.');
    const to = this.clock();
    const from = new Date(to.getTime() - request.realPhrasing.days * 86_400_000);
    const intents = [...new Set(personas.flatMap((p) => p.wants.map((w) => w.intent)))];
    const said = new Map<string, string[]>();
    for (const intent of intents) said.set(intent, await this.real.phrases({ flowId: request.flowId, intent, from, to, limit: REAL_PHRASES_PER_INTENT }));
    const speaking = personas.map((p) => ({
      ...p,
      wants: p.wants.map((goal) => {
        const own = new Set(goal.utterances.map((u) => u.trim().toLowerCase()));
        const fresh = (said.get(goal.intent) ?? []).filter((text) => !own.has(text));
        return { ...goal, utterances: [...goal.utterances, ...fresh].slice(0, Math.max(MAX_UTTERANCES, goal.utterances.length)) };
      }),
    }));
    return {
      personas: speaking,
      realPhrasing: { from: from.toISOString(), to: to.toISOString(), intents: intents.map((intent) => ({ intent, phrases: said.get(intent)!.length })) },
    };
  }

  /** A run of at most IN_PROCESS_LIMIT calls is awaited (its errors answer the request); a larger one goes on in the background. */
  private async settle(record: RunRecord, running: Promise<void>, background: boolean): Promise<{ run: SimulationRun; finished: boolean }> {
    const failed = (err: unknown) => {
      if (err instanceof SimulationCancelled) record.status = 'cancelled';
      else {
        record.status = 'failed';
        record.error = err instanceof Error ? err.message : String(err);
      }
    };
    if (background) {
      running.catch(failed);
      return { run: this.view(record), finished: false };
    }
    try {
      await running;
    } catch (err) {
      // A request the run cannot take (a flow with errors, …) answers with its error and leaves no run behind.
      if (err instanceof AppError) {
        this.runs.delete(record.id);
        throw err;
      }
      failed(err);
    }
    return { run: this.view(record), finished: true };
  }

  get(id: string): SimulationRun {
    return this.view(this.record(id));
  }

  /** Stops a running simulation; a finished one cannot be cancelled (409). */
  cancel(id: string): SimulationRun {
    const record = this.record(id);
    if (record.status !== 'running') throw new AppError(409, 'simulation_not_running', `The simulation "${id}" is ${record.status}; only a running simulation can be cancelled.`);
    record.abort.abort();
    record.status = 'cancelled';
    return this.view(record);
  }

  /** One simulated call replayed from (seed, index), with the wait the queue model gave it; for a what-if, also the call on the baseline. */
  call(id: string, indexText: string): { call: SimulatedCall; baseline?: SimulatedCall } {
    const record = this.record(id);
    const index = Number(indexText);
    if (!/^\d+$/.test(indexText) || index >= record.request.calls)
      throw new AppError(400, 'invalid_call_index', `The call index must be a whole number from 0 to ${record.request.calls - 1}; got "${indexText}".`);
    if (record.status !== 'done' || !record.output) throw new AppError(409, 'simulation_not_finished', `The simulation "${id}" is ${record.status}; its calls can be opened once it is done.`);
    const call = this.replay(record.flow, record, index, record.output.run);
    const baseline = record.baseline && record.output.baselineRun ? this.replay(record.baseline, record, index, record.output.baselineRun) : undefined;
    return baseline ? { call, baseline } : { call };
  }

  listPersonas(): Array<Versioned<Persona>> {
    return this.store.personas.list();
  }

  getPersona(id: string): Versioned<Persona> {
    const persona = this.store.personas.get(id);
    if (!persona) throw notFound('persona', id);
    return persona;
  }

  /**
   * Creates or replaces a persona; the id in the body, if any, must match the address. Invalid: 422 naming each field.
   * Replacing needs If-Match (428 without, 412 when someone else saved since); creating needs none.
   */
  async putPersona(id: string, body: unknown, conditions: SaveConditions): Promise<{ persona: Versioned<Persona>; created: boolean }> {
    const expected = preconditionOf(conditions);
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new AppError(400, 'invalid_body', 'Send the persona as a JSON object.');
    // The version a GET gave may come back in the body; If-Match, not the body, says which version was edited.
    const { version: _version, ...fields } = body as Record<string, unknown>;
    if (fields.id !== undefined && fields.id !== id) throw new AppError(400, 'id_mismatch', `The persona in the body has id "${String(fields.id)}" but the address is for "${id}". Use the same id.`);
    const parsed = personaSchema.safeParse({ ...fields, id });
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
      throw new AppError(422, 'invalid_persona', `The persona cannot be saved: ${issues[0].path ? `${issues[0].path}: ` : ''}${issues[0].message}.`, issues);
    }
    return this.store.personas.put(parsed.data, expected);
  }

  private replay(flow: FlowUnderTest, record: RunRecord, index: number, run: VersionRun): SimulatedCall {
    const prepared = simulationFlow(flow, this.nlu);
    const real = record.realCalls?.[index];
    const detail: SimulatedCallDetail = real ? replayRealCall(prepared, real, index) : simulateCall(prepared, record.personas, record.request.seed, index);
    const handoff = detail.session.handoff;
    return {
      result: detail.result,
      ...(real ? { realCall: { callId: real.callId, startedAt: real.startedAt, ...(real.phone ? { phone: real.phone } : {}), flowVersion: real.flowVersion, happened: real.happened } } : {}),
      personaName: real ? 'A real caller' : record.personas.find((p) => p.id === detail.result.persona)!.name,
      path: detail.session.path.toArray(),
      transcript: transcriptOf(detail),
      handoffExplanation: detail.result.handoff && handoff ? handoff.reason.explanation : null,
      queue: run.queue.get(index) ?? null,
    };
  }

  private flowUnderTest(flowId: string, version: 'draft' | 'published' | number): FlowUnderTest {
    const runtime = this.runtimes.runtimeFor(flowId, version, 'it cannot be simulated');
    return { doc: runtime.compiled.flow, version: runtime.version };
  }

  private personasFor(wanted: SimulationRequest['personas']): Persona[] {
    if (!wanted) {
      const all = this.store.personas.list();
      if (all.length === 0) throw new AppError(422, 'no_personas', 'There are no personas to simulate callers with. Add one, or send personas with the request.');
      return all;
    }
    return wanted.map((p) => {
      if (typeof p !== 'string') return p;
      const stored = this.store.personas.get(p);
      if (!stored) throw new AppError(422, 'unknown_persona', `There is no persona "${p}". Use one of: ${this.store.personas.list().map((x) => x.id).join(', ') || 'none yet'}.`);
      return stored;
    });
  }

  private record(id: string): RunRecord {
    const record = this.runs.get(id);
    if (!record) throw notFound('simulation', id);
    return record;
  }

  private remember(record: RunRecord): void {
    this.runs.set(record.id, record);
    for (const [id, old] of this.runs) {
      if (this.runs.size <= RUNS_KEPT) break;
      if (old.status !== 'running') this.runs.delete(id);
    }
  }

  private view(record: RunRecord): SimulationRun {
    const { id, status, progress, request, output, error, replay, realPhrasing } = record;
    return {
      id,
      status,
      progress,
      request,
      ...(status === 'done' && output ? { report: output.run.report, ...(output.comparison ? { comparison: output.comparison } : {}) } : {}),
      ...(status === 'done' && replay ? { replay } : {}),
      ...(realPhrasing ? { realPhrasing } : {}),
      ...(error ? { error } : {}),
    };
  }
}
