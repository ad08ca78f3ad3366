import express from 'express';
import type { AnalyticsSummary } from '@baton/shared';
import type { CallAnalytics } from '../analytics/CallAnalytics.ts';
import { AppError } from '../errors.ts';

const DAY_MS = 86_400_000;
/** The longest period one question may span. */
const MAX_DAYS = 366;

/**
 * `/api/analytics`:
 * GET /summary?from=&to=&flowId=&serviceLevelSeconds=&format=csv -> AnalyticsSummary (or its figures as CSV): calls that
 *   started in [from, to) (ISO dates or times; the last 7 days by default), for one flow or all.
 */
export function analyticsRoutes(analytics: () => Promise<CallAnalytics>): express.Router {
  const r = express.Router();
  r.get('/summary', async (req, res, next) => {
    try {
      const to = timeParam(req.query.to, 'to') ?? new Date();
      const from = timeParam(req.query.from, 'from') ?? new Date(to.getTime() - 7 * DAY_MS);
      if (from >= to) throw new AppError(400, 'bad_period', '"from" must be before "to".');
      if (to.getTime() - from.getTime() > MAX_DAYS * DAY_MS) throw new AppError(400, 'bad_period', `Ask for at most ${MAX_DAYS} days at a time.`);
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
  return r;
}

function timeParam(value: unknown, name: string): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const time = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) throw new AppError(400, 'bad_period', `"${name}" must be a date such as 2026-12-01 or a time such as 2026-12-01T09:00:00Z.`);
  return new Date(time);
}

/** The headline figures as rows of figure,value (for a spreadsheet). */
function summaryCsv(s: AnalyticsSummary): string {
  const rows: Array<[string, string | number | null]> = [
    ['from', s.from],
    ['to', s.to],
    ['flow', s.flowId ?? 'all flows'],
    ['calls', s.calls],
    ['contained by the assistant', s.contained],
    ['handed to a person', s.handedOver],
    ...s.byCategory.map((c): [string, number] => [`handed over: ${c.category}`, c.calls]),
    ['turns before the handoff (mean)', s.turnsBeforeHandoff],
    ['connected to a person', s.connected],
    ['wait (mean, s)', s.waitMeanSeconds],
    ['wait (p90, s)', s.waitP90Seconds],
    [`answered within ${s.serviceLevelSeconds} s`, s.withinServiceLevel],
    ['hung up while waiting', s.abandonedWaiting],
    ['wrapped up', s.wrappedUp],
    ['resolved by the agent', s.resolvedByAgent],
    ['agent had to ask again', s.hadToRepeat],
    ['surveyed', s.surveyed],
    ['satisfaction (mean of 1-5)', s.satisfactionMean],
  ];
  return `figure,value\n${rows.map(([name, value]) => `${csvCell(name)},${csvCell(value ?? '')}`).join('\n')}\n`;
}

/** A CSV cell, quoted when needed; a leading =, +, - or @ is neutralised so a spreadsheet never runs it as a formula. */
function csvCell(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
