/** A failed API call, with a message a non-developer can read. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** GETs JSON from the Baton API; throws ApiError with the server's own message when it gives one. */
export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' }, signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    // The browser's own wording ("Failed to fetch", "NetworkError…") means nothing to most people.
    throw new ApiError('the Baton server did not answer', null, 'unreachable');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    // Pages put the message inside their own sentence ("Could not load the flows: <message>. Check…").
    const message =
      typeof error?.message === 'string' && error.message.trim()
        ? error.message.trim().replace(/[.\s]+$/, '')
        : `the server answered with status ${response.status}`;
    throw new ApiError(message, response.status, typeof error?.code === 'string' ? error.code : 'http_error');
  }
  if (body === undefined) throw new ApiError('the server sent an answer Baton could not read', response.status, 'bad_json');
  return body as T;
}
