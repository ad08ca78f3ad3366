import { accessSync, constants } from 'node:fs';

export const NO_CHROMIUM_MESSAGE =
  'No Chromium found. Install Debian\'s chromium package (sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium/Chrome binary.';

/** Where to look, in order: CHROMIUM_PATH, then Debian's two usual names. */
export function chromiumCandidates(): string[] {
  const fromEnv = process.env.CHROMIUM_PATH?.trim();
  return [...(fromEnv ? [fromEnv] : []), '/usr/bin/chromium', '/usr/bin/chromium-browser'];
}

/** The first Chromium binary that exists and can be run, or undefined. */
export function findChromium(): string | undefined {
  return chromiumCandidates().find(isExecutable);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
