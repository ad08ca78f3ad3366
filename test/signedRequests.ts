import superagent from 'superagent';
import { adminTokenFor } from '../server/src/testing/credentials.ts';

/**
 * Set up for the API and browser tests: a request to a test server that carries no credentials of its own (no
 * Authorization, no Cookie) is sent with the admin access key the harness made for that server, as a script would
 * send it. Tests of signing in and of roles send their own headers, or `authorization: ''` to send none.
 */
const plainFetch = globalThis.fetch;
globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const token = /^https?:/.test(url) ? adminTokenFor(url) : undefined;
  if (!token) return plainFetch(input, init);
  const headers = new Headers(input instanceof Request && init?.headers === undefined ? input.headers : init?.headers);
  if (!headers.has('authorization') && !headers.has('cookie')) headers.set('authorization', `Bearer ${token}`);
  return plainFetch(input, { ...init, headers });
};

// supertest's requests are superagent's.
const SuperagentRequest = (superagent as unknown as { Request: { prototype: { end(fn?: unknown): unknown; get(field: string): string | undefined; set(field: string, value: string): unknown; url: string } } }).Request;
const end = SuperagentRequest.prototype.end;
SuperagentRequest.prototype.end = function (this: typeof SuperagentRequest.prototype, fn?: unknown) {
  const token = adminTokenFor(this.url);
  if (token && this.get('authorization') === undefined && this.get('cookie') === undefined) this.set('authorization', `Bearer ${token}`);
  return end.call(this, fn);
};
