/** The first readable id "<base>_<n>" (n from 1) that is not taken, e.g. "say_2". */
export function nextId(base: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const id = `${base}_${n}`;
    if (!taken.has(id)) return id;
  }
}
