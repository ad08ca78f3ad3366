/** How many numbered ids ("<base>-2" … ) are tried before a name is said to be too common. */
const MAX_TRIES = 50;

/** A flow id from its name: "Billing support (copy)" → "billing-support-copy"; "flow" when nothing is left. */
export function flowIdFromName(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 70)
    .replace(/^-+|-+$/g, '');
  return slug || 'flow';
}

/** The first id of "<base>", "<base>-2", "<base>-3", … that `taken` says is free; null when the first 50 are taken. */
export function freeFlowId(base: string, taken: (id: string) => boolean): string | null {
  for (let n = 1; n <= MAX_TRIES; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (!taken(id)) return id;
  }
  return null;
}
