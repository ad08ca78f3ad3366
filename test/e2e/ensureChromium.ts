// Makes sure the end-to-end tests have a browser: uses an installed Chromium, or installs Debian's
// package when running as root. It never downloads a browser build from elsewhere.
// Run: node --import tsx test/e2e/ensureChromium.ts
import { spawnSync } from 'node:child_process';
import { NO_CHROMIUM_MESSAGE, findChromium } from './chromium.ts';

function run(command: string, args: string[]): boolean {
  console.log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error) console.error(`Could not run ${command}: ${result.error.message}`);
  return result.status === 0;
}

function hasAptGet(): boolean {
  return spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
}

const configured = process.env.CHROMIUM_PATH?.trim();
let chromium = findChromium();
if (configured && chromium !== configured) {
  console.warn(`CHROMIUM_PATH is set to "${configured}", but no runnable file is there.`);
}

if (!chromium && process.getuid?.() === 0 && hasAptGet()) {
  console.log('No Chromium found; installing Debian\'s chromium package.');
  if (run('apt-get', ['update']) && run('apt-get', ['install', '-y', 'chromium'])) chromium = findChromium();
}

if (!chromium) {
  console.error(NO_CHROMIUM_MESSAGE);
  process.exit(1);
}
console.log(`Chromium for the end-to-end tests: ${chromium}`);
