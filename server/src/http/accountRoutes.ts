import { Router, type Response } from 'express';
import { z } from 'zod';
import { CSRF_COOKIE, SESSION_COOKIE, passwordSchema, roles, tokenScopes, userNameSchema } from '@baton/shared';
import { SESSION_HOURS, sessionView, userView, type Accounts, type Principal } from '../accounts/Accounts.ts';
import { parseBody } from '../usecases/callInputs.ts';
import { versionFromIfMatch } from '../usecases/ifMatch.ts';
import { sendVersioned } from './sendVersioned.ts';
import { AppError } from '../errors.ts';

const signInSchema = z.strictObject({ name: z.string().min(1, 'type your sign-in name').max(60), password: z.string().min(1, 'type your password').max(200) });
const setupSchema = z.strictObject({ code: z.string().min(1).max(200), name: userNameSchema, displayName: z.string().trim().max(80).optional(), password: passwordSchema });
const newUserSchema = z.strictObject({
  name: userNameSchema,
  displayName: z.string().trim().max(80).optional(),
  role: z.enum(roles),
  agentId: z.string().min(1).max(80).optional(),
  flowIds: z.array(z.string().min(1).max(80)).max(500).optional(),
  password: passwordSchema,
});
const userChangeSchema = z.strictObject({
  displayName: z.string().trim().max(80).optional(),
  role: z.enum(roles).optional(),
  agentId: z.string().min(1).max(80).nullable().optional(),
  flowIds: z.array(z.string().min(1).max(80)).max(500).nullable().optional(),
  disabled: z.boolean().optional(),
  password: passwordSchema.optional(),
});
const newTokenSchema = z.strictObject({ name: z.string().trim().min(1, 'name the key after the program that uses it').max(80), scope: z.enum(tokenScopes) });

const principal = (req: { principal?: Principal }): Principal => {
  if (!req.principal) throw new AppError(401, 'sign_in_required', 'Sign in first.');
  return req.principal;
};

/**
 * Signing in and out, the first admin, people and access keys (mounted at /api).
 *
 * POST   /session            { name, password } -> the session (cookies baton_session, httpOnly, and baton_csrf); 401 when they do
 *                            not match; 429 with Retry-After after repeated failures
 * GET    /session            who is asking: { user: { id, name, displayName, role, agentId? }, csrfToken?, token? }
 * DELETE /session            signs this browser out -> 204
 * GET    /setup              { needed }: whether Baton waits for its first admin (the link the server printed)
 * POST   /setup              { code, name, displayName?, password } -> 201, signed in as the first admin; 403 once used
 * GET    /users              people (admins)            POST /users { name, displayName?, role, agentId?, password } -> 201
 * PUT    /users/:id          If-Match; { displayName?, role?, agentId?, disabled?, password? } -> 200; a new role, password or
 *                            switching off signs them out everywhere; 409 for the last admin
 * DELETE /users/:id          -> 204
 * GET    /tokens             access keys (never their secrets)
 * POST   /tokens             { name, scope } -> 201 { token, secret }: the secret is shown this once
 * DELETE /tokens/:id         revokes it at once -> the key, with revokedAt
 */
export function accountRoutes(accounts: Accounts, { servedOverTls }: { servedOverTls: boolean }): Router {
  const r = Router();
  const signedIn = (res: Response, cookie: string, who: Principal) => {
    const options = { sameSite: 'strict' as const, secure: servedOverTls, path: '/', maxAge: SESSION_HOURS * 3_600_000 };
    res.cookie(SESSION_COOKIE, cookie, { ...options, httpOnly: true });
    // Read by Baton's pages and sent back as X-CSRF-Token: another site can neither read it nor send it.
    res.cookie(CSRF_COOKIE, who.csrfToken!, options);
  };
  r.post('/session', async (req, res) => {
    const { name, password } = parseBody(signInSchema, req.body);
    try {
      const { cookie, principal: who } = await accounts.signIn(name, password, req.socket.remoteAddress ?? '');
      signedIn(res, cookie, who);
      res.json(sessionView(who));
    } catch (err) {
      if (err instanceof AppError && err.status === 429) res.set('retry-after', String(await accounts.throttle.waitSeconds(name, req.socket.remoteAddress ?? '')));
      throw err;
    }
  });
  r.get('/session', (req, res) => void res.json(sessionView(principal(req))));
  r.delete('/session', async (req, res) => {
    await accounts.signOut(principal(req));
    res.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' }).status(204).end();
  });
  r.get('/setup', (_req, res) => void res.json({ needed: accounts.setupNeeded }));
  r.post('/setup', async (req, res) => {
    const { code, ...user } = parseBody(setupSchema, req.body);
    const { cookie, principal: who } = await accounts.setUp(code, user);
    signedIn(res, cookie, who);
    res.status(201).json(sessionView(who));
  });
  r.get('/users', (_req, res) => void res.json(accounts.users()));
  r.post('/users', async (req, res) => {
    const user = await accounts.addUser(parseBody(newUserSchema, req.body));
    sendVersioned(res, userView(user), 201);
  });
  r.put('/users/:id', async (req, res) => {
    const user = await accounts.updateUser(req.params.id, versionFromIfMatch(req.get('If-Match')), parseBody(userChangeSchema, req.body));
    sendVersioned(res, userView(user));
  });
  r.delete('/users/:id', async (req, res) => {
    await accounts.removeUser(req.params.id, principal(req));
    res.status(204).end();
  });
  r.get('/tokens', (_req, res) => void res.json(accounts.tokens()));
  r.post('/tokens', async (req, res) => {
    const { name, scope } = parseBody(newTokenSchema, req.body);
    res.status(201).json(await accounts.addToken(name, scope, principal(req)));
  });
  r.delete('/tokens/:id', async (req, res) => void res.json(await accounts.revokeToken(req.params.id)));
  return r;
}
