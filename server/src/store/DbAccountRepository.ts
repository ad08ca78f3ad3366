import { AppError, notFound } from '../errors.ts';
import type { StoredSession, StoredToken, StoredUser } from '../accounts/accountRecords.ts';
import type { StoreData } from './StoreData.ts';
import { commitChange } from './commitChange.ts';
import { nextVersion, type Precondition } from './nextVersion.ts';
import { own, without } from './ownRecord.ts';

/**
 * People, programs' access keys and signed-in browsers, in the store's data: `baton.json` on one machine, PostgreSQL
 * when several instances share it (so a session or a revocation made on one instance holds on every other). Reads are
 * from memory; every change is one durable write.
 */
export class DbAccountRepository {
  constructor(
    private readonly db: StoreData,
    private readonly now: () => Date = () => new Date(),
  ) {}

  users(): StoredUser[] {
    return Object.values(this.db.data.users).sort((a, b) => a.name.localeCompare(b.name));
  }

  user(id: string): StoredUser | undefined {
    return own(this.db.data.users, id);
  }

  userNamed(name: string): StoredUser | undefined {
    const wanted = name.trim().toLowerCase();
    return Object.values(this.db.data.users).find((u) => u.name === wanted);
  }

  /** Adds a person; 409 when the sign-in name is taken. */
  addUser(user: Omit<StoredUser, 'version' | 'createdAt'>): Promise<StoredUser> {
    return commitChange(this.db, this.now, (data, at) => {
      if (Object.values(data.users).some((u) => u.name === user.name)) throw new AppError(409, 'name_taken', `Someone already signs in as "${user.name}". Choose another sign-in name.`);
      if (own(data.users, user.id)) throw new AppError(409, 'id_taken', `A user with id "${user.id}" exists.`);
      const stored: StoredUser = { ...user, createdAt: at, version: 1 };
      return { next: { ...data, users: { ...data.users, [user.id]: stored } }, result: stored };
    });
  }

  /** Changes a person with `change`, checked against the version the page loaded (If-Match). */
  updateUser(id: string, expected: Precondition, change: (user: StoredUser, data: { users: Record<string, StoredUser> }) => StoredUser): Promise<StoredUser> {
    return commitChange(this.db, this.now, (data) => {
      const current = own(data.users, id);
      if (!current) throw notFound('user', id);
      const version = expected === undefined ? current.version + 1 : nextVersion('user', current, expected);
      const next: StoredUser = { ...change(current, data), id, version };
      return { next: { ...data, users: { ...data.users, [id]: next } }, result: next };
    });
  }

  removeUser(id: string, check: (users: Record<string, StoredUser>) => void): Promise<void> {
    return commitChange(this.db, this.now, (data) => {
      if (!own(data.users, id)) throw notFound('user', id);
      check(data.users);
      // Their browsers are signed out with them.
      const sessions = Object.fromEntries(Object.entries(data.sessions).filter(([, s]) => s.userId !== id));
      return { next: { ...data, users: without(data.users, id), sessions }, result: undefined };
    });
  }

  tokens(): StoredToken[] {
    return Object.values(this.db.data.tokens).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** The current token records (a new object after every change, so a lookup built from it can be kept until then). */
  tokenRecords(): Record<string, StoredToken> {
    return this.db.data.tokens;
  }

  addToken(token: Omit<StoredToken, 'createdAt'>): Promise<StoredToken> {
    return commitChange(this.db, this.now, (data, at) => {
      const stored: StoredToken = { ...token, createdAt: at };
      return { next: { ...data, tokens: { ...data.tokens, [token.id]: stored } }, result: stored };
    });
  }

  changeToken(id: string, change: (token: StoredToken, at: string) => StoredToken): Promise<StoredToken> {
    return commitChange(this.db, this.now, (data, at) => {
      const current = own(data.tokens, id);
      if (!current) throw notFound('access key', id);
      const next = change(current, at);
      return { next: { ...data, tokens: { ...data.tokens, [id]: next } }, result: next };
    });
  }

  session(key: string): StoredSession | undefined {
    return own(this.db.data.sessions, key);
  }

  /** Keeps a new session and forgets the ones that ran out; records the sign-in on the person. */
  addSession(key: string, session: StoredSession): Promise<void> {
    return commitChange(this.db, this.now, (data, at) => {
      const user = own(data.users, session.userId);
      if (!user) throw notFound('user', session.userId);
      const live = Object.fromEntries(Object.entries(data.sessions).filter(([, s]) => s.expiresAt > at));
      return { next: { ...data, sessions: { ...live, [key]: session }, users: { ...data.users, [user.id]: { ...user, lastSignInAt: at } } }, result: undefined };
    });
  }

  removeSession(key: string): Promise<void> {
    return commitChange(this.db, this.now, (data) => (own(data.sessions, key) ? { next: { ...data, sessions: without(data.sessions, key) }, result: undefined } : { next: data, result: undefined }));
  }

  /** Signs a person out everywhere (a new password, a new role, disabled). */
  removeSessionsOf(userId: string): Promise<void> {
    return commitChange(this.db, this.now, (data) => {
      const kept = Object.entries(data.sessions).filter(([, s]) => s.userId !== userId);
      if (kept.length === Object.keys(data.sessions).length) return { next: data, result: undefined };
      return { next: { ...data, sessions: Object.fromEntries(kept) }, result: undefined };
    });
  }
}
