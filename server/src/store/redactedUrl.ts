/** A connection URL without its password, for messages and logs; `name` when it cannot be read. */
export function redactedUrl(url: string, name: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return name;
  }
}
