import { checkTheirFlow } from '../accounts/flowScope.ts';
import express from 'express';
import { handoffFeedbacks, type AnalyticsSummary, type CallList, type HandoffFeedback, type RealCallReading } from '@baton/shared';
import type { CallAnalytics } from '../analytics/CallAnalytics.ts';
import { AppError } from '../errors.ts';

const DAY_MS = 86_400_000;
/** The longest period one question may span. */
const MAX_DAYS = 366;

/**
 * `/api/analytics`:
 * GET /summary?from=&to=&flowId=&serviceLevelSeconds=&format=csv -> AnalyticsSummary (or its figures as CSV): calls that
 *   started in [from, to) (ISO dates or times; the last 7 days by default), for one flow or all.
 * GET /calls?from=&to=&flowId=&version=&q=&phone=&category=&disposition=&score=&feedback=&limit=&offset=&format=csv -> CallList
 *   (or the page as CSV): finished calls that match, newest first; `q` is words the caller said (all of them);
 *   `category` a handoff category, "any" (handed to a person for any reason) or "none" (finished by the assistant).
 * GET /flows/:id/steps?from=&to=&version= -> FlowStepFigures: per step, calls that passed, left for a person there,
 *   hung up there; per trigger, how often it fired (the canvas heatmap).
 * GET /phrases?intent=&flowId=&from=&to=&limit= -> RealPhrases: how real callers put an intent, most said first (the
 *   last 30 days by default), for simulated callers' phrasing.
 * GET /calls/:id -> RealCallReading: one finished call's path, and what Baton noticed on each caller turn (worked out
 *   again on the version it ran on); 404 when no finished call has that id.
 */
export function analyticsRoutes(analytics: () => Promise<CallAnalytics>, readCall: (callId: string) => Promise<RealCallReading>): express.Router {
  const r = express.Router();
  r.get('/phrases', async (req, res, next) => {
    try {
      const intent = typeof req.query.intent === 'string' ? req.query.intent.trim() : '';
      if (!intent || intent.length > 80) throw new AppError(400, 'bad_query', '"intent" must name an intent of the flow (at most 80 characters).');
      const to = timeParam(req.query.to, 'to') ?? new Date();
      const { from } = period({ ...req.query, to: to.toISOString(), from: req.query.from ?? new Date(to.getTime() - 30 * DAY_MS).toISOString() });
      const limit = req.query.limit === undefined ? 20 : Number(req.query.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new AppError(400, 'bad_query', '"limit" must be a whole number from 1 to 200.');
      const flowId = typeof req.query.flowId === 'string' && req.query.flowId ? req.query.flowId : undefined;
      res.json(await (await analytics()).phrases({ intent, from, to, flowId, limit }));
    } catch (error) {
      next(error);
    }
  });
  r.get('/calls/:id', async (req, res, next) => {
    try {
      const reading = await readCall(req.params.id);
      checkTheirFlow(req, reading.flowId);
      res.json(reading);
    } catch (error) {
      next(error);
    }
  });
  r.get('/summary', async (req, res, next) => {
    try {
      const { from, to } = period(req.query);
      const flowId = typeof req.query.flowId === 'string' && req.query.flowId ? req.query.flowId : undefined;
      const sl = req.query.serviceLevelSeconds === undefined ? undefined : Number(req.query.serviceLevelSeconds);
      if (sl !== undefined && !(Number.isInteger(sl) && sl > 0 && sl <= 3600)) throw new AppError(400, 'bad_service_level', 'serviceLevelSeconds must be a whole number of seconds from 1 to 3600.');
      const summary = await (await analytics()).summary({ from, to, flowId, serviceLevelSeconds: sl });
      if (req.query.format === 'csv') {
        res.type('text/csv').attachment(`baton-summary-${from.toISOString().slice(0, 10)}-${to.toISOString().slice(0, 10)}.csv`).send(summaryCsv(summary));
        return;
      }
      res.json(summary);
    } catch (error) {
      next(error);
    }
  });
  r.get('/flows/:id/steps', async (req, res, next) => {
    try {
      const { from, to } = period(req.query);
      const version = req.query.version;
      if (version !== undefined && (typeof version !== 'string' || !/^(draft|\d{1,9})$/.test(version))) throw new AppError(400, 'bad_query', '"version" must be "draft" or a version number.');
      res.json(await (await analytics()).steps({ from, to, flowId: req.params.id, flowVersion: version }));
    } catch (error) {
      next(error);
    }
  });
  r.get('/calls', async (req, res, next) => {
    try {
      const { from, to } = period(req.query);
      const text = (name: string, max = 200) => {
        const value = req.query[name];
        if (value === undefined || value === '') return undefined;
        if (typeof value !== 'string' || value.length > max) throw new AppError(400, 'bad_query', `"${name}" must be text of at most ${max} characters.`);
        return value;
      };
      const whole = (name: string, min: number, max: number, fallback?: number) => {
        const value = text(name, 12);
        if (value === undefined) return fallback;
        const n = Number(value);
        if (!Number.isInteger(n) || n < min || n > max) throw new AppError(400, 'bad_query', `"${name}" must be a whole number from ${min} to ${max}.`);
        return n;
      };
      const list = await (await analytics()).findCalls({
        from,
        to,
        flowId: text('flowId'),
        flowVersion: text('version', 20),
        text: text('q'),
        phone: text('phone', 40),
        category: text('category', 40),
        disposition: text('disposition', 40),
        surveyScore: whole('score', 1, 5),
        feedback: feedbackParam(text('feedback', 20)),
        limit: whole('limit', 1, 500, 50)!,
        offset: whole('offset', 0, 1_000_000, 0)!,
      });
      if (req.query.format === 'csv') {
        res.type('text/csv').attachment('baton-calls.csv').send(callsCsv(list));
        return;
      }
      res.json(list);
    } catch (error) {
      next(error);
    }
  });
  return r;
}

/** The period asked for: [from, to), the last 7 days unless told. */
function period(query: Record<string, unknown>): { from: Date; to: Date } {
  const to = timeParam(query.to, 'to') ?? new Date();
  const from = timeParam(query.from, 'from') ?? new Date(to.getTime() - 7 * DAY_MS);
  if (from >= to) throw new AppError(400, 'bad_period', '"from" must be before "to".');
  if (to.getTime() - from.getTime() > MAX_DAYS * DAY_MS) throw new AppError(400, 'bad_period', `Ask for at most ${MAX_DAYS} days at a time.`);
  return { from, to };
}

/** `feedback`: what the agent said of the handoff in the wrap-up. */
function feedbackParam(value: string | undefined): HandoffFeedback | undefined {
  if (value === undefined) return undefined;
  if (!(handoffFeedbacks as readonly string[]).includes(value)) throw new AppError(400, 'bad_query', `"feedback" must be one of ${handoffFeedbacks.join(', ')}.`);
  return value as HandoffFeedback;
}

function callsCsv(list: CallList): string {
  const header = ['call', 'flow', 'version', 'started', 'ended', 'how it ended', 'caller turns', 'caller number', 'handed over for', 'signal', 'at step', 'agent said of the handoff', 'survey score', 'caller said'];
  const rows = list.calls.map((c) => [c.callId, c.flowId, c.flowVersion, c.startedAt, c.endedAt, c.disposition, c.turns, c.phone ?? '', c.handoff?.category ?? '', c.handoff?.signal ?? '', c.handoff?.fromNodeId ?? '', c.handoffFeedback ?? '', c.surveyScore ?? '', c.snippet]);
  return `${[header, ...rows].map((row) => row.map((cell) => csvCell(cell)).join(',')).join('\n')}\n`;
}

function timeParam(value: unknown, name: string): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const time = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) throw new AppError(400, 'bad_period', `"${name}" must be a date such as 2026-12-01 or a time such as 2026-12-01T09:00:00Z.`);
  return new Date(time);
}

/** The headline figures as rows of figure, this period, the period before (for a spreadsheet), then by version. */
function summaryCsv(s: AnalyticsSummary): string {
  const p = s.previous;
  const rows: Array<[string, string | number | null, string | number | null]> = [
    ['from', s.from, p.from],
    ['to', s.to, p.to],
    ['flow', s.flowId ?? 'all flows', s.flowId ?? 'all flows'],
    ['calls', s.calls, p.calls],
    ['contained by the assistant', s.contained, p.contained],
    ['handed to a person', s.handedOver, p.handedOver],
    ...s.byCategory.map((c): [string, number, null] => [`handed over: ${c.category}`, c.calls, null]),
    ['turns before the handoff (mean)', s.turnsBeforeHandoff, p.turnsBeforeHandoff],
    ['connected to a person', s.connected, p.connected],
    ['wait (mean, s)', s.waitMeanSeconds, p.waitMeanSeconds],
    ['wait (p90, s)', s.waitP90Seconds, p.waitP90Seconds],
    [`answered within ${s.serviceLevelSeconds} s`, s.withinServiceLevel, p.withinServiceLevel],
    ['hung up while waiting', s.abandonedWaiting, p.abandonedWaiting],
    ['wrapped up', s.wrappedUp, p.wrappedUp],
    ['resolved by the agent', s.resolvedByAgent, p.resolvedByAgent],
    ['caller had to repeat (wrap-up or desk)', s.hadToRepeat, p.hadToRepeat],
    ['agent asked again for a collected detail (desk)', s.askedAgain, p.askedAgain],
    ['surveyed', s.surveyed, p.surveyed],
    ['satisfaction (mean of 1-5)', s.satisfactionMean, p.satisfactionMean],
    ...s.byVersion.flatMap((v): Array<[string, number | null, null]> => {
      const name = `${v.flowId} version ${v.version}`;
      return [
        [`${name}: calls`, v.calls, null],
        [`${name}: contained by the assistant`, v.contained, null],
        [`${name}: handed to a person`, v.handedOver, null],
        [`${name}: satisfaction (mean of 1-5)`, v.satisfactionMean, null],
      ];
    }),
  ];
  return `figure,this period,previous period\n${rows.map((row) => row.map((cell) => csvCell(cell ?? '')).join(',')).join('\n')}\n`;
}

/** A CSV cell, quoted when needed; a leading =, +, - or @ is neutralised so a spreadsheet never runs it as a formula. */
function csvCell(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
