import { AppError, ifMatchRequired } from '../errors.ts';
import type { Precondition } from '../store/nextVersion.ts';

/** Reads the version from an If-Match header ("3", W/"3" or 3); 428 without one. */
export function versionFromIfMatch(header: string | undefined): number {
  if (!header) throw ifMatchRequired();
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match) throw new AppError(400, 'invalid_if_match', `If-Match must be the version in quotes, like "3" (the ETag from GET); got ${header.slice(0, 40)}.`);
  return Number(match[1]);
}

/** For a save that may create: If-Match, or If-None-Match: * (create only), or neither. */
export function preconditionOf(headers: { ifMatch?: string; ifNoneMatch?: string }): Precondition {
  if (headers.ifMatch) return versionFromIfMatch(headers.ifMatch);
  if (headers.ifNoneMatch?.trim() === '*') return 'absent';
  return undefined;
}
