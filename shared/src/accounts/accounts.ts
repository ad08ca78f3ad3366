import { z } from 'zod';

/**
 * Who may do what. The server enforces it on every route; the pages only mirror it.
 * - admin: everything, including people, queues, numbers, integrations, publishing and rolling back.
 * - analyst: handoff rules and the words callers are told, tests and what-ifs; asks an admin to publish.
 * - supervisor: the wallboard, calls and analytics, queues' and agents' statuses; no flow changes.
 * - agent: the agent desk only, as the agent they are linked to.
 */
export const roles = ['admin', 'analyst', 'supervisor', 'agent'] as const;
export type Role = (typeof roles)[number];

/** What an access key for a program may do: a role's rights, or only running calls (a chat or phone system). */
export const tokenScopes = [...roles, 'calls'] as const;
export type TokenScope = (typeof tokenScopes)[number];

export const roleNames: Record<TokenScope, string> = {
  admin: 'Admin',
  analyst: 'Analyst',
  supervisor: 'Supervisor',
  agent: 'Agent',
  calls: 'Runs calls only',
};

export const roleDescriptions: Record<TokenScope, string> = {
  admin: 'Everything: flows, publishing, people, queues, phone numbers and integrations.',
  analyst: 'Tunes handoff rules and what callers are told, runs tests and what-ifs, and asks an admin to publish.',
  supervisor: 'Watches the wallboard, calls and analytics; no flow changes.',
  agent: 'Takes handed-over calls on the agent desk.',
  calls: 'For a chat or phone system: starts calls and sends the caller’s turns.',
};

/** A sign-in name: letters, digits and . _ - @, as people type them (compared without case). */
export const userNameSchema = z
  .string()
  .trim()
  .min(2, 'a sign-in name has at least 2 characters')
  .max(60)
  .regex(/^[A-Za-z0-9._@-]+$/, 'use letters, digits and . _ - @ only');

/** Long enough to resist guessing; no rule on symbols (length is what counts). */
export const passwordSchema = z.string().min(10, 'a password has at least 10 characters').max(200);

/** A person who signs in, as the API shows them (never with a password). */
export interface UserView {
  id: string;
  name: string;
  displayName: string;
  role: Role;
  /** An agent's desk record (Settings → Agents), for users with the agent role. */
  agentId?: string;
  /** Analysts and supervisors: the flows they work on; absent: every flow. */
  flowIds?: string[];
  disabled: boolean;
  createdAt: string;
  lastSignInAt?: string;
  version: number;
}

/** Who is signed in on this browser, and the token every change from it carries (X-CSRF-Token). */
export interface SessionView {
  user: { id: string; name: string; displayName: string; role: TokenScope; agentId?: string; flowIds?: string[] };
  /** Set for a program's access key instead of a person's sign-in. */
  token?: { id: string; name: string };
  csrfToken?: string;
  expiresAt?: string;
}

/** An access key for a program, as listed (its secret is shown once, when it is made). */
export interface TokenView {
  id: string;
  name: string;
  scope: TokenScope;
  createdAt: string;
  createdBy: string;
  lastUsedAt?: string;
  revokedAt?: string;
  /** The first characters of the secret, so a person can tell keys apart. */
  prefix: string;
}

/** The header a signed-in browser sends with every change (its value is in the `baton_csrf` cookie). */
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_COOKIE = 'baton_csrf';
export const SESSION_COOKIE = 'baton_session';

/** An analyst's request that an admin publish the draft as it was when asked. */
export interface PublishRequest {
  id: string;
  flowId: string;
  /** The draft revision asked for: approving publishes it only if the draft is still that one. */
  draftVersion: number;
  requestedBy: string;
  requestedAt: string;
  note?: string;
  status: 'open' | 'approved' | 'declined';
  decidedBy?: string;
  decidedAt?: string;
  decisionNote?: string;
  /** The version the approval published. */
  publishedVersion?: number;
}
