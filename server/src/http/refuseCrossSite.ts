import type { IncomingHttpHeaders } from 'node:http';
import type { RequestHandler } from 'express';
import { AppError } from '../errors.ts';

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Where a browser says a request comes from, when that is another site: its `Origin` (or "another site"); undefined
 * for Baton's own pages and for programs, which send neither `Sec-Fetch-Site` nor `Origin`. Behind a proxy, the host
 * the browser asked for is the `Host` the proxy passes on, or its `X-Forwarded-Host`.
 */
export function crossSiteOrigin(headers: IncomingHttpHeaders): string | undefined {
  const site = headers['sec-fetch-site'];
  const origin = headers.origin;
  if (site === 'cross-site' || site === 'same-site') return origin ?? 'another site';
  if (origin === undefined || site === 'same-origin') return undefined;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return origin;
  }
  const forwarded = headers['x-forwarded-host'];
  const asked = [headers.host, ...(typeof forwarded === 'string' ? forwarded.split(',').map((h) => h.trim()) : [])];
  return asked.includes(host) ? undefined : origin;
}

/**
 * Changes come only from Baton's own pages or from programs, never from another web site a user happens to have open:
 * a cross-site form or script that would publish a flow or re-point a webhook — even one with no body — is refused
 * with 403. Programs (curl, integrations, Twilio) send no Origin and are not affected.
 */
export const refuseCrossSite: RequestHandler = (req, _res, next) => {
  if (!CHANGES.has(req.method)) return next();
  const from = crossSiteOrigin(req.headers);
  if (from === undefined) return next();
  next(new AppError(403, 'cross_site_request', `Baton takes changes only from its own pages: this request came from ${from.slice(0, 200)}. Open Baton itself to make the change.`));
};
