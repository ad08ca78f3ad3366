import type { RequestHandler } from 'express';
import { AppError } from '../errors.ts';

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Changes come only from Baton's own pages or from programs, never from another web site a user happens to have open:
 * a browser says where a request comes from (`Sec-Fetch-Site`, `Origin`), so a cross-site form or script that would
 * publish a flow or re-point a webhook — even one with no body — is refused with 403. Programs (curl, integrations,
 * Twilio) send neither header and are not affected. Behind a proxy, the host the browser asked for is the `Host` the
 * proxy passes on, or its `X-Forwarded-Host`.
 */
export const refuseCrossSite: RequestHandler = (req, _res, next) => {
  if (!CHANGES.has(req.method)) return next();
  const site = req.headers['sec-fetch-site'];
  const origin = req.headers.origin;
  if (site === 'cross-site' || site === 'same-site') return next(refused(origin ?? 'another site'));
  if (origin === undefined || site === 'same-origin') return next();
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return next(refused(origin));
  }
  const forwarded = req.headers['x-forwarded-host'];
  const asked = [req.headers.host, ...(typeof forwarded === 'string' ? forwarded.split(',').map((h) => h.trim()) : [])];
  return asked.includes(host) ? next() : next(refused(origin));
};

function refused(from: string): AppError {
  return new AppError(403, 'cross_site_request', `Baton takes changes only from its own pages: this request came from ${from.slice(0, 200)}. Open Baton itself to make the change.`);
}
