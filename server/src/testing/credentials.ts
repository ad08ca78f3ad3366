/**
 * Test servers' credentials by origin: the test harness signs its requests the way a script does (an access key in
 * Authorization), so a test reads as what it tests. A test of signing in or of roles sends its own headers, or an empty
 * Authorization to go without.
 */
const byOrigin = new Map<string, string>();

export function registerCredentials(url: string, adminToken: string): void {
  byOrigin.set(new URL(url).origin, adminToken);
}

export function forgetCredentials(url: string): void {
  byOrigin.delete(new URL(url).origin);
}

/** The admin key of the test server at `url` (http or ws), if the harness started one there. */
export function adminTokenFor(url: string): string | undefined {
  const origin = new URL(url.replace(/^ws/, 'http')).origin;
  return byOrigin.get(origin);
}

/** `{ authorization }` for the test server at `url`, for a WebSocket or a request made by hand. */
export function authHeaders(url: string): Record<string, string> {
  const token = adminTokenFor(url);
  return token ? { authorization: `Bearer ${token}` } : {};
}
