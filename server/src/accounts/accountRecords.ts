import type { Role, TokenScope } from '@baton/shared';

/** A person who signs in, as the store keeps them. */
export interface StoredUser {
  id: string;
  /** The sign-in name, lower case. */
  name: string;
  displayName: string;
  role: Role;
  agentId?: string;
  /** Analysts and supervisors: the flows they work on (calls, analytics, editing); absent or empty: every flow. */
  flowIds?: string[];
  /** `passwordHash` from passwords.ts; absent until the person sets one. */
  passwordHash?: string;
  disabled: boolean;
  createdAt: string;
  lastSignInAt?: string;
  version: number;
}

/** A program's access key: only the SHA-256 of its secret is kept. */
export interface StoredToken {
  id: string;
  name: string;
  scope: TokenScope;
  /** SHA-256 of the secret, hex. */
  hash: string;
  prefix: string;
  createdAt: string;
  createdBy: string;
  lastUsedAt?: string;
  revokedAt?: string;
}

/** A signed-in browser: kept by the SHA-256 of its cookie, so the store never holds a live session's secret. */
export interface StoredSession {
  userId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}
