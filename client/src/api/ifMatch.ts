/**
 * The header that keeps a save from overwriting someone else's: the version the page loaded (If-Match), or, for
 * something not stored yet, "only if nobody created it meanwhile" (If-None-Match: *). Either way the server
 * answers 412 when someone else got there first.
 */
export const ifMatch = (version: number | undefined): Record<string, string> => (version === undefined ? { 'If-None-Match': '*' } : { 'If-Match': `"${version}"` });
