import express, { type RequestHandler } from 'express';
import { AppError } from '../errors.ts';

/** Far deeper than any flow, call or test document (a flow's deepest field is about 8 levels down). */
export const MAX_BODY_DEPTH = 64;

/** Parses JSON bodies up to `limit` and refuses one nested so deep that copying or checking it would overflow the stack. */
export function jsonBody(limit: string): RequestHandler[] {
  return [express.json({ limit }), refuseDeepNesting];
}

const refuseDeepNesting: RequestHandler = (req, _res, next) => {
  const path = tooDeepAt(req.body);
  if (path !== null)
    return next(new AppError(400, 'body_too_deep', `The body is nested too deeply at ${path}…: no part of it may be more than ${MAX_BODY_DEPTH} levels deep.`));
  next();
};

/** Where a value first goes deeper than MAX_BODY_DEPTH, as a path like "nodes[3].data.a.a", or null. Walks without recursion. */
export function tooDeepAt(body: unknown): string | null {
  if (body === null || typeof body !== 'object') return null;
  const stack: Array<{ value: object; depth: number; path: string }> = [{ value: body, depth: 1, path: '' }];
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!;
    if (depth > MAX_BODY_DEPTH) return path.length > 60 ? path.slice(0, 60) : path;
    for (const [key, child] of Object.entries(value))
      if (child !== null && typeof child === 'object')
        stack.push({ value: child, depth: depth + 1, path: Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key });
  }
  return null;
}
