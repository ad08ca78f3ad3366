import type { FlowIssue } from '@baton/shared';
import { csrfHeaders, goToSignIn } from './csrf.ts';

/** A failed API call, with a message a non-developer can read. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly code: string,
    /** The reasons the server gave (422 answers), when it gave any. */
    readonly issues: FlowIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** GETs JSON from the Baton API; throws ApiError with the server's own message when it gives one. */
export function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  return requestJson<T>(url, { signal });
}

/** Sends JSON to the Baton API (POST, PUT…); throws ApiError like `fetchJson`. */
export function sendJson<T>(url: string, method: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  return requestJson<T>(url, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function requestJson<T>(url: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    const changes = init.method !== undefined && init.method !== 'GET';
    response = await fetch(url, { ...init, headers: { Accept: 'application/json', ...(changes ? csrfHeaders() : {}), ...init.headers } });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    // The browser's own wording ("Failed to fetch", "NetworkError…") means nothing to most people.
    throw new ApiError('the Baton server did not answer', null, 'unreachable');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    // Signed out (the session ran out, or an admin changed the account): sign in again and come back.
    if (response.status === 401) goToSignIn();
    const error = (body as { error?: { code?: unknown; message?: unknown; issues?: unknown } } | undefined)?.error;
    // Pages put the message inside their own sentence ("Could not load the flows: <message>. Check…").
    const message =
      typeof error?.message === 'string' && error.message.trim()
        ? error.message.trim().replace(/[.\s]+$/, '')
        : `the server answered with status ${response.status}`;
    const issues = Array.isArray(error?.issues) ? (error.issues as FlowIssue[]) : [];
    throw new ApiError(message, response.status, typeof error?.code === 'string' ? error.code : 'http_error', issues);
  }
  if (body === undefined) throw new ApiError('the server sent an answer Baton could not read', response.status, 'bad_json');
  return body as T;
}
