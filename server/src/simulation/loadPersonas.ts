import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { personaSchema, type Persona } from '@baton/shared';

/** Reads every persona file of a folder (flows/personas), sorted by file name; a file that does not validate is an error naming it. */
export async function loadPersonas(dir: string): Promise<Persona[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const personas: Persona[] = [];
  for (const file of files) {
    const parsed = personaSchema.safeParse(JSON.parse(await readFile(path.join(dir, file), 'utf8')));
    if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    personas.push(parsed.data);
  }
  return personas;
}
