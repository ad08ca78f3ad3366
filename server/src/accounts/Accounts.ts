import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Role, SessionView, StoredUserInput, TokenScope, TokenView, UserView } from './accountTypes.ts';
import { AppError, notFound } from '../errors.ts';
import type { Store } from '../store/types.ts';
import type { StoredToken, StoredUser } from './accountRecords.ts';
import { hashPassword, verifyNobody, verifyPassword } from './passwords.ts';
import { SignInThrottle } from './SignInThrottle.ts';
import { recordChanges } from '../store/audit.ts';

/** Who is asking: a signed-in person (session) or a program's access key (token). */
export interface Principal {
  kind: 'session' | 'token';
  /** The person, or the key's id for a program. */
  id: string;
  name: string;
  displayName: string;
  role: TokenScope;
  agentId?: string;
  /** The flows an analyst or supervisor works on; absent: every flow. */
  flowIds?: readonly string[];
  /** Sessions only: what every change from the browser must carry. */
  csrfToken?: string;
  /** Sessions only: the hash the session is kept by. */
  sessionKey?: string;
  expiresAt?: string;
}

/** A signed-in browser stays signed in for a working day, then signs in again. */
export const SESSION_HOURS = 12;
/** How often a key's "last used" is written (memory has it at once): once a minute, not on every call turn. */
const LAST_USED_WRITE_MS = 60_000;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export const userView = (u: StoredUser): UserView => ({
  id: u.id,
  name: u.name,
  displayName: u.displayName,
  role: u.role,
  ...(u.agentId ? { agentId: u.agentId } : {}),
  ...(u.flowIds?.length ? { flowIds: [...u.flowIds] } : {}),
  disabled: u.disabled,
  createdAt: u.createdAt,
  ...(u.lastSignInAt ? { lastSignInAt: u.lastSignInAt } : {}),
  version: u.version,
});

export const tokenView = (t: StoredToken): TokenView => {
  const { hash: _hash, ...view } = t;
  return view;
};

export const sessionView = (p: Principal): SessionView => ({
  user: { id: p.id, name: p.name, displayName: p.displayName, role: p.role, ...(p.agentId ? { agentId: p.agentId } : {}), ...(p.flowIds ? { flowIds: [...p.flowIds] } : {}) },
  ...(p.kind === 'token' ? { token: { id: p.id, name: p.name } } : {}),
  ...(p.csrfToken ? { csrfToken: p.csrfToken } : {}),
  ...(p.expiresAt ? { expiresAt: p.expiresAt } : {}),
});

/**
 * Sign-in, sessions, people and access keys. Sessions and keys are kept in the store (hashed), so they survive a
 * restart and, with PostgreSQL, hold on every instance; a lookup that misses reads what other instances saved first.
 *
 * Hand-written rather than express-session with a CSRF package: a session here is one record in Baton's own store
 * (lowdb on one machine, PostgreSQL with several), which no express-session store adapter covers for lowdb, and the
 * CSRF token is that record's field sent back in a header (the synchronizer-token pattern) — a few lines, where the
 * once-standard `csurf` is deprecated. Passwords use scrypt from node:crypto.
 */
export class Accounts {
  readonly throttle: SignInThrottle;
  private setupCodeHash: string | undefined;
  private tokensByHash = new Map<string, StoredToken>();
  private tokensFrom: Record<string, StoredToken> | undefined;
  private lastUsedWritten = new Map<string, number>();
  /** When each key was last used, as this instance saw it (the store has it within a minute). */
  private lastUsed = new Map<string, string>();

  constructor(
    private readonly store: Store,
    private readonly options: { now?: () => Date; onError?: (err: unknown) => void; throttle?: SignInThrottle } = {},
  ) {
    this.throttle = options.throttle ?? new SignInThrottle();
  }

  private now() {
    return this.options.now?.() ?? new Date();
  }

  get anyUsers(): boolean {
    return this.store.accounts.users().length > 0;
  }

  /**
   * First start: with `adminPassword`, the first admin ("admin") is made with it; without, a one-time code is made for
   * the link the server prints, which signs the newcomer in as the first admin once they choose a password.
   */
  async firstStart(adminPassword: string | undefined): Promise<{ admin: 'created' | 'exists' } | { setupCode: string }> {
    if (this.anyUsers) return { admin: 'exists' };
    if (adminPassword) {
      if (adminPassword.length < 10) throw Object.assign(new Error('BATON_ADMIN_PASSWORD must have at least 10 characters: choose a longer one and start Baton again.'), { name: 'StartupError' });
      await this.addUser({ name: 'admin', displayName: 'Administrator', role: 'admin', password: adminPassword });
      return { admin: 'created' };
    }
    const setupCode = randomBytes(24).toString('base64url');
    this.setupCodeHash = sha256(setupCode);
    return { setupCode };
  }

  get setupNeeded(): boolean {
    return !this.anyUsers && this.setupCodeHash !== undefined;
  }

  /** The one-time link's code becomes the first admin; the code works once, and only while nobody has an account. */
  async setUp(code: string, input: StoredUserInput): Promise<{ cookie: string; principal: Principal }> {
    if (!this.setupCodeHash || this.anyUsers || !sameText(sha256(code), this.setupCodeHash))
      throw new AppError(403, 'setup_link_used', 'This set-up link has been used or is out of date. Ask whoever set up Baton to sign you in, or restart it to print a new link.');
    this.setupCodeHash = undefined;
    const user = await this.addUser({ ...input, role: 'admin' });
    await this.audit({ action: 'sign_in', note: 'first admin, from the set-up link' }, user.name);
    return this.startSession(user);
  }

  /** 401 with the same words for an unknown name and a wrong password; 429 while the name or the address is slowed down. */
  async signIn(name: string, password: string, client: string): Promise<{ cookie: string; principal: Principal }> {
    const wait = await this.throttle.waitSeconds(name, client);
    if (wait > 0) throw new AppError(429, 'too_many_sign_ins', `Too many failed sign-ins. Wait ${wait} seconds and try again.`);
    // A person added, given a new password or switched off on another instance a moment ago: read what it saved first.
    await this.refresh();
    const user = this.store.accounts.userNamed(name);
    const ok = user?.passwordHash && !user.disabled ? await verifyPassword(password, user.passwordHash) : await verifyNobody(password);
    if (!ok || !user) {
      await this.throttle.failed(name, client);
      await this.audit({ action: 'sign_in_failed', subject: name.trim().toLowerCase().slice(0, 60), note: `from ${client}` });
      throw new AppError(401, 'sign_in_failed', user?.disabled ? 'This account is switched off. Ask an admin to switch it on.' : 'That sign-in name and password do not match. Check them and try again.');
    }
    await this.throttle.succeeded(name, client);
    await this.audit({ action: 'sign_in', note: `from ${client}` }, user.name);
    return this.startSession(user);
  }

  /** An entry in the audit trail; a trail that cannot be written does not stop the action, it is logged. */
  private async audit(entry: Parameters<Store['audit']['add']>[0], who?: string) {
    await this.store.audit.add(entry, who).catch((err: unknown) => this.options.onError?.(err));
  }

  private async startSession(user: StoredUser): Promise<{ cookie: string; principal: Principal }> {
    const cookie = randomBytes(32).toString('base64url');
    const now = this.now();
    const session = { userId: user.id, csrfToken: randomBytes(24).toString('base64url'), createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString() };
    await this.store.accounts.addSession(sha256(cookie), session);
    return { cookie, principal: this.sessionPrincipal(user, sha256(cookie), session.csrfToken, session.expiresAt) };
  }

  async signOut(principal: Principal): Promise<void> {
    if (principal.sessionKey) await this.store.accounts.removeSession(principal.sessionKey);
    await this.audit({ action: 'sign_out' });
  }

  private sessionPrincipal(user: StoredUser, sessionKey: string, csrfToken: string, expiresAt: string): Principal {
    return { kind: 'session', id: user.id, name: user.name, displayName: user.displayName, role: user.role, ...(user.agentId ? { agentId: user.agentId } : {}), ...(scoped(user) ? { flowIds: user.flowIds } : {}), csrfToken, sessionKey, expiresAt };
  }

  /** The person a session cookie belongs to, or undefined (unknown, run out, or the person was switched off). */
  sessionOf(cookie: string): Principal | undefined {
    const key = sha256(cookie);
    const session = this.store.accounts.session(key);
    if (!session || session.expiresAt <= this.now().toISOString()) return undefined;
    const user = this.store.accounts.user(session.userId);
    if (!user || user.disabled) return undefined;
    return this.sessionPrincipal(user, key, session.csrfToken, session.expiresAt);
  }

  /** The program an access key belongs to, or undefined (unknown or revoked). */
  tokenOf(secret: string): Principal | undefined {
    const records = this.store.accounts.tokenRecords();
    if (records !== this.tokensFrom) {
      this.tokensFrom = records;
      this.tokensByHash = new Map(Object.values(records).map((t) => [t.hash, t]));
    }
    const token = this.tokensByHash.get(sha256(secret));
    if (!token || token.revokedAt) return undefined;
    this.noteUse(token);
    return { kind: 'token', id: token.id, name: token.name, displayName: token.name, role: token.scope };
  }

  /** A credential this instance does not know may have been made on another one just now: read what they saved. */
  async refresh(): Promise<void> {
    this.refreshedAt = Date.now();
    await this.store.fresh();
  }

  private refreshedAt = 0;

  /**
   * With several instances on one PostgreSQL, a key revoked or a person switched off on another instance must stop
   * working here too: at most a second after the last read, the next request reads what the others saved first
   * (one quick query; nothing on one machine). Undefined when the data is fresh enough.
   */
  refreshIfStale(): Promise<void> | undefined {
    return Date.now() - this.refreshedAt > 1000 ? this.refresh() : undefined;
  }

  private noteUse(token: StoredToken) {
    this.lastUsed.set(token.id, this.now().toISOString());
    const now = this.now().getTime();
    if (now - (this.lastUsedWritten.get(token.id) ?? 0) < LAST_USED_WRITE_MS) return;
    this.lastUsedWritten.set(token.id, now);
    this.store.accounts.changeToken(token.id, (t, at) => (t.revokedAt ? t : { ...t, lastUsedAt: at })).catch((err: unknown) => this.options.onError?.(err));
  }

  checkCsrf(principal: Principal, sent: string | undefined): void {
    if (principal.kind !== 'session') return;
    if (!sent || !principal.csrfToken || !sameText(sent, principal.csrfToken))
      throw new AppError(403, 'csrf_token_missing', 'This change came without the page’s security token (X-CSRF-Token). Reload the page and try again.');
  }

  // People

  users(): UserView[] {
    return this.store.accounts.users().map(userView);
  }

  async addUser(input: StoredUserInput & { role: Role }): Promise<StoredUser> {
    this.checkAgentLink(input.role, input.agentId);
    const user = await this.store.accounts.addUser({
      id: randomUUID(),
      name: input.name.trim().toLowerCase(),
      displayName: input.displayName?.trim() || input.name.trim(),
      role: input.role,
      ...(input.role === 'agent' && input.agentId ? { agentId: input.agentId } : {}),
      ...((input.role === 'analyst' || input.role === 'supervisor') && input.flowIds?.length ? { flowIds: [...new Set(input.flowIds)] } : {}),
      ...(input.password ? { passwordHash: await hashPassword(input.password) } : {}),
      disabled: false,
    });
    await this.audit({ action: 'user_added', subject: user.name, changes: [{ field: 'role', after: user.role }, ...(user.agentId ? [{ field: 'agent', after: user.agentId }] : [])] });
    return user;
  }

  private checkAgentLink(role: Role, agentId: string | undefined) {
    if (role !== 'agent') return;
    if (!agentId) throw new AppError(400, 'bad_request', 'An agent must be linked to their desk: choose who they are in "Agent".', [{ path: 'agentId', message: 'choose the agent this person is' }]);
    if (!this.store.agents.get(agentId)) throw new AppError(400, 'bad_request', `No agent "${agentId}" in Settings → Agents.`, [{ path: 'agentId', message: 'no such agent' }]);
  }

  /**
   * Changes a person. A new role, a new password or switching them off signs them out everywhere. The last admin who
   * can sign in cannot lose that, so Baton always has someone who can manage it.
   */
  async updateUser(id: string, expected: number | undefined, patch: { displayName?: string; role?: Role; agentId?: string | null; flowIds?: string[] | null; disabled?: boolean; password?: string }): Promise<StoredUser> {
    const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
    const before = this.store.accounts.user(id);
    if (!before) throw notFound('user', id);
    const role = patch.role ?? before.role;
    const agentId = patch.agentId === null ? undefined : (patch.agentId ?? before.agentId);
    this.checkAgentLink(role, agentId);
    const updated = await this.store.accounts.updateUser(id, expected, (user, data) => {
      const next: StoredUser = {
        ...user,
        ...(patch.displayName !== undefined ? { displayName: patch.displayName.trim() || user.name } : {}),
        role,
        ...(role === 'agent' && agentId ? { agentId } : { agentId: undefined }),
        ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
        ...(passwordHash ? { passwordHash } : {}),
      };
      if (!next.agentId) delete next.agentId;
      const flowIds = patch.flowIds === null ? [] : (patch.flowIds ?? user.flowIds ?? []);
      if ((role === 'analyst' || role === 'supervisor') && flowIds.length > 0) next.flowIds = [...new Set(flowIds)];
      else delete next.flowIds;
      if (user.role === 'admin' && !user.disabled && (next.role !== 'admin' || next.disabled) && activeAdmins(data.users) <= 1)
        throw new AppError(409, 'last_admin', 'This is the only admin who can sign in. Make someone else an admin first.');
      return next;
    });
    if ((patch.role !== undefined && patch.role !== before.role) || patch.disabled || passwordHash) await this.store.accounts.removeSessionsOf(id);
    await this.audit({ action: 'user_changed', subject: updated.name, changes: recordChanges(userView(before), userView(updated)).concat(passwordHash ? [{ field: 'password', after: '(changed; not shown)' }] : []) });
    return updated;
  }

  async removeUser(id: string, by: Principal): Promise<void> {
    if (by.kind === 'session' && by.id === id) throw new AppError(409, 'cannot_remove_self', 'You cannot remove yourself. Ask another admin.');
    const name = this.store.accounts.user(id)?.name ?? id;
    await this.store.accounts.removeUser(id, (users) => {
      const user = users[id];
      if (user?.role === 'admin' && !user.disabled && activeAdmins(users) <= 1) throw new AppError(409, 'last_admin', 'This is the only admin who can sign in. Make someone else an admin first.');
    });
    await this.audit({ action: 'user_removed', subject: name });
  }

  // Access keys

  tokens(): TokenView[] {
    return this.store.accounts.tokens().map((t) => {
      const seen = this.lastUsed.get(t.id);
      return tokenView(seen && (!t.lastUsedAt || seen > t.lastUsedAt) ? { ...t, lastUsedAt: seen } : t);
    });
  }

  /** A new key: its secret is returned once and only its hash is kept. */
  async addToken(name: string, scope: TokenScope, by: Principal): Promise<{ token: TokenView; secret: string }> {
    const secret = `baton_${randomBytes(30).toString('base64url')}`;
    const token = await this.store.accounts.addToken({ id: randomUUID(), name: name.trim(), scope, hash: sha256(secret), prefix: secret.slice(0, 12), createdBy: by.name });
    await this.audit({ action: 'key_made', subject: token.name, changes: [{ field: 'may', after: scope }] });
    return { token: tokenView(token), secret };
  }

  async revokeToken(id: string): Promise<TokenView> {
    const token = await this.store.accounts.changeToken(id, (t, at) => (t.revokedAt ? t : { ...t, revokedAt: at }));
    await this.audit({ action: 'key_revoked', subject: token.name });
    return tokenView(token);
  }
}

/** Whether a person's work is limited to some flows (analysts and supervisors with a "works on" list). */
const scoped = (u: StoredUser): u is StoredUser & { flowIds: string[] } => (u.role === 'analyst' || u.role === 'supervisor') && (u.flowIds?.length ?? 0) > 0;

const activeAdmins = (users: Record<string, StoredUser>) => Object.values(users).filter((u) => u.role === 'admin' && !u.disabled).length;
