import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors.ts';

/** For a route that finds the flow only once it has read the record (a call by its id): 403 when it is not theirs. */
export function checkTheirFlow(req: Request, flowId: string | undefined): void {
  const flows = req.principal?.flowIds;
  if (flows?.length && (flowId === undefined || !flows.includes(flowId)))
    throw new AppError(403, 'not_your_flow', `This call is on a flow you do not work on${flowId ? ` ("${flowId}")` : ''}. Ask an admin to add it to your flows (Settings → People).`);
}

/**
 * Analysts and supervisors with a "works on" list see and change only those flows: a flow's pages and routes, its
 * analytics, test calls and what-ifs. Analytics across flows ask them to choose one of theirs. A call read by its id
 * is checked by its route once the call is read (`checkTheirFlow`).
 */
export function limitToTheirFlows(req: Request, _res: Response, next: NextFunction): void {
  const flows = req.principal?.flowIds;
  if (!flows?.length) return next();
  const refuse = (flowId?: string) =>
    next(
      new AppError(
        403,
        'not_your_flow',
        flowId ? `You do not work on the flow "${flowId}". Ask an admin to add it to your flows (Settings → People).` : `Choose one of the flows you work on: ${flows.join(', ')}.`,
      ),
    );
  const check = (flowId: string) => (flows.includes(flowId) ? next() : refuse(flowId));
  const inPath = /^\/(?:analytics\/)?flows\/([^/]+)/.exec(req.path);
  if (inPath) return check(decodeURIComponent(inPath[1]));
  if (req.method === 'GET' && /^\/analytics\/(summary|calls|phrases)$/.test(req.path)) {
    const flowId = req.query.flowId;
    return typeof flowId === 'string' && flowId ? check(flowId) : refuse();
  }
  const body = req.body as { flowId?: unknown } | undefined;
  if (req.method === 'POST' && (req.path === '/calls' || req.path === '/simulations') && typeof body?.flowId === 'string') return check(body.flowId);
  next();
}
