import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from './Accounts.ts';

/**
 * Who is acting, for the audit trail: set by `authenticate` around each request, read where an entry is written, so
 * no repository needs a "who" parameter threaded through every use case.
 */
const acting = new AsyncLocalStorage<string>();

/** How the audit trail names someone: a person by sign-in name, a program by its key's name. */
export const actorName = (p: Principal) => (p.kind === 'token' ? `key "${p.name}"` : p.name);

export function runAs<T>(who: string, work: () => T): T {
  return acting.run(who, work);
}

/** Who the current request acts for; undefined outside a request (start-up seeding, timers). */
export const currentActor = (): string | undefined => acting.getStore();
