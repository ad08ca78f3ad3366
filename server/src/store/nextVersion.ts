import { AppError, ifMatchRequired } from '../errors.ts';

/**
 * What a save was sent with: the version the editor loaded (If-Match), "absent" (If-None-Match: *, only creating),
 * or nothing, which is allowed only where a save may create.
 */
export type Precondition = number | 'absent' | undefined;

/**
 * Checks a save against what is stored, inside the store's write so nothing can land in between, and returns the
 * version the save gets. Replacing needs the version the editor loaded: 428 without it, 412 when someone else saved
 * since. `what` is "flow", "queue"…
 */
export function nextVersion(what: string, current: { version: number } | undefined, expected: Precondition): number {
  if (current) {
    if (expected === undefined) throw ifMatchRequired();
    if (expected !== current.version)
      throw new AppError(
        412,
        'version_mismatch',
        expected === 'absent'
          ? `The ${what} already exists (version ${current.version}): someone else created it. Reload it and apply your changes again.`
          : `The ${what} was changed by someone else since version ${expected}; the current version is ${current.version}. Reload it and apply your changes again.`,
      );
    return current.version + 1;
  }
  if (typeof expected === 'number') throw new AppError(412, 'version_mismatch', `The ${what} was removed by someone else since version ${expected}.`);
  return 1;
}
