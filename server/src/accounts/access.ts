import type { TokenScope } from '@baton/shared';

/**
 * Who may call which API route, by method and path (under /api): the first rule that matches decides; a route no rule
 * names is for admins only, so a new route is closed until someone opens it on purpose. What a role may change inside
 * a flow (analysts: handoff rules and messages) and whose desk an agent acts on are checked by those routes.
 */
interface AccessRule {
  /** read: GET and HEAD; write: the others; or the methods by name. */
  methods: 'read' | 'write' | 'any' | readonly string[];
  path: RegExp;
  allow: readonly TokenScope[];
}

const everyone: TokenScope[] = ['admin', 'analyst', 'supervisor', 'agent', 'calls'];
const people: TokenScope[] = ['admin', 'analyst', 'supervisor', 'agent'];
const rule = (methods: AccessRule['methods'], path: RegExp, allow: readonly TokenScope[]): AccessRule => ({ methods, path, allow });

export const accessRules: readonly AccessRule[] = [
  rule('any', /^\/session$/, everyone),
  rule('any', /^\/(users|tokens|audit)(\/|$)/, ['admin']),
  // Calls: the test console (admins, analysts), programs running calls; supervisors watch them.
  rule('write', /^\/calls(\/[^/]+\/turns)?$/, ['admin', 'analyst', 'calls']),
  rule('read', /^\/calls\/[^/]+(\/events)?$/, ['admin', 'analyst', 'supervisor', 'calls']),
  rule('any', /^\/flows\/[^/]+\/tests(\/|$)/, ['admin', 'analyst']),
  rule('write', /^\/flows\/[^/]+\/publish-requests\/[^/]+\/(approve|decline)$/, ['admin']),
  rule('any', /^\/flows\/[^/]+\/publish-requests$/, ['admin', 'analyst']),
  rule('read', /^\/flows(\/|$)/, ['admin', 'analyst', 'supervisor']),
  // Analysts' saves are checked field by field (analystChanges.ts).
  rule(['PUT'], /^\/flows\/[^/]+$/, ['admin', 'analyst']),
  rule('any', /^\/simulations(\/|$)/, ['admin', 'analyst']),
  rule('any', /^\/personas(\/|$)/, ['admin', 'analyst']),
  rule('read', /^\/queues\/[^/]+\/webhook(\/|$)/, ['admin']),
  rule('read', /^\/queues(\/|$)/, ['admin', 'analyst', 'supervisor', 'agent']),
  rule('read', /^\/agents(\/|$)/, ['admin', 'analyst', 'supervisor']),
  rule('read', /^\/routing\/live$/, ['admin', 'supervisor']),
  // The desk checks that an agent acts as themselves only.
  rule('any', /^\/desk\//, ['admin', 'agent']),
  rule('read', /^\/signals(\/|$)/, ['admin', 'analyst']),
  rule('read', /^\/analytics(\/|$)/, ['admin', 'analyst', 'supervisor']),
];

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether `scope` may call `method path` (path under /api). */
export function mayCall(scope: TokenScope, method: string, path: string): boolean {
  const read = READS.has(method);
  for (const r of accessRules) {
    if (r.methods === 'read' && !read) continue;
    if (r.methods === 'write' && read) continue;
    if (Array.isArray(r.methods) && !r.methods.includes(method)) continue;
    if (r.path.test(path)) return r.allow.includes(scope);
  }
  return scope === 'admin';
}

export { people };
