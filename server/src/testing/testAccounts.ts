import type { Role, TokenScope } from '@baton/shared';
import { Accounts, type Principal } from '../accounts/Accounts.ts';
import type { Store } from '../store/types.ts';

const harness: Principal = { kind: 'session', id: 'test-harness', name: 'test-harness', displayName: 'Test harness', role: 'admin' };

/** One access key per scope, for tests that act as each role. */
export type TestTokens = Record<Exclude<TokenScope, 'agent'>, string>;

/** Adds an access key for each scope but agent (an agent acts as a person linked to a desk: see `addTestUser`). */
export async function addTestTokens(store: Store): Promise<TestTokens> {
  const accounts = new Accounts(store);
  const make = async (scope: Exclude<TokenScope, 'agent'>) => (await accounts.addToken(`test ${scope}`, scope, harness)).secret;
  return { admin: await make('admin'), analyst: await make('analyst'), supervisor: await make('supervisor'), calls: await make('calls') };
}

/** A person who signs in with `password`; agents name their desk's agent. */
export async function addTestUser(store: Store, user: { name: string; role: Role; password: string; agentId?: string }) {
  return new Accounts(store).addUser(user);
}
