import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The browser tests drive the built client that the server serves; fail early and plainly when it is missing. */
export function requireBuiltClient(): void {
  const dir = process.env.BATON_CLIENT_DIR ?? fileURLToPath(new URL('../../client/dist', import.meta.url));
  const index = `${dir}/index.html`;
  if (!existsSync(index)) {
    throw new Error(`The client is not built (${index} is missing). Run \`npm run build\` first; \`npm test\` does it for you.`);
  }
}
