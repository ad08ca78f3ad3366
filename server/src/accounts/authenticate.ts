import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { CSRF_HEADER, SESSION_COOKIE, roleNames } from '@baton/shared';
import { parse as parseCookies } from 'cookie';
import type { IncomingMessage } from 'node:http';
import { AppError } from '../errors.ts';
import type { Accounts, Principal } from './Accounts.ts';
import { mayCall } from './access.ts';
import { crossSiteOrigin } from '../http/refuseCrossSite.ts';
import { actorName, runAs } from './actor.ts';

declare module 'express-serve-static-core' {
  interface Request {
    /** Who is asking (set for every /api route but sign-in and first set-up). */
    principal?: Principal;
  }
}

/** The credentials a request carries: an access key (Authorization: Bearer …) or a session cookie. */
function credentials(req: IncomingMessage): { token?: string; cookie?: string } {
  const authorization = req.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return match ? { token: match[1] } : {};
  }
  const header = req.headers.cookie;
  if (!header) return {};
  return { cookie: parseCookies(header)[SESSION_COOKIE] };
}

/** Who a request is from, reading what other instances saved when this one does not know the credential yet. */
export async function principalOf(accounts: Accounts, req: IncomingMessage): Promise<Principal | undefined> {
  const { token, cookie } = credentials(req);
  if (!token && !cookie) return undefined;
  const find = () => (token ? accounts.tokenOf(token) : accounts.sessionOf(cookie!));
  const found = find();
  if (found) return found;
  await accounts.refresh();
  return find();
}

const signInRequired = () => new AppError(401, 'sign_in_required', 'Sign in first (a session cookie from POST /api/session, or Authorization: Bearer <access key>).');

/** Routes anyone may call: signing in and the first admin's set-up. */
const OPEN = /^\/(session|setup)$/;

/**
 * Every /api request: who is asking (401 when nobody), whether their role may call the route (403 naming the role),
 * and, for a browser's changes, the page's CSRF token (403 without it, bodiless requests included).
 */
export function authenticate(accounts: Accounts): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (OPEN.test(req.path) && (req.method === 'POST' || req.path === '/setup')) return next();
    const decide = (principal: Principal | undefined) => {
      if (!principal) throw signInRequired();
      // A browser's session works only on Baton's own pages: another site (or another origin of the same site) that
      // opens an event stream or reads a page's data with the user's cookie is refused, reads included.
      const from = principal.kind === 'session' ? crossSiteOrigin(req.headers) : undefined;
      if (from !== undefined) throw new AppError(403, 'cross_site_request', `Baton's pages only: this request with a signed-in browser's session came from ${from.slice(0, 200)}.`);
      req.principal = principal;
      if (!mayCall(principal.role, req.method, req.path))
        throw new AppError(403, 'not_allowed', `${roleNames[principal.role]}s cannot do this (${req.method} ${req.baseUrl}${req.path}). Ask an admin if you need to.`);
      if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS') accounts.checkCsrf(principal, req.get(CSRF_HEADER));
    };
    // What follows runs as this person or key: audit entries written meanwhile name them.
    const go = (principal: Principal | undefined) => {
      decide(principal);
      runAs(actorName(principal!), next);
    };
    const { token, cookie } = credentials(req);
    if (token || cookie) {
      const refreshing = accounts.refreshIfStale();
      if (refreshing) {
        refreshing.then(() => principalOf(accounts, req)).then(go).catch(next);
        return;
      }
    }
    // A known credential is decided at once (no promise on a call's turn); an unknown one after reading the store.
    const known = token ? accounts.tokenOf(token) : cookie ? accounts.sessionOf(cookie) : undefined;
    if (known || (!token && !cookie)) {
      try {
        go(known);
      } catch (err) {
        next(err);
      }
      return;
    }
    principalOf(accounts, req).then(go).catch(next);
  };
}
