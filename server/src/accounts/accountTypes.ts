export type { Role, SessionView, TokenScope, TokenView, UserView } from '@baton/shared';
import type { Role } from '@baton/shared';

/** What a new person is made from (the password is hashed before anything is kept). */
export interface StoredUserInput {
  name: string;
  displayName?: string;
  role?: Role;
  agentId?: string;
  flowIds?: string[];
  password?: string;
}
