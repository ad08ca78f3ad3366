import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** Where Debian puts programs: daemons such as haproxy are in the sbin directories, which a user's PATH may lack. */
const DIRS = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), '/usr/sbin', '/usr/local/sbin', '/sbin'];

function find(program: string): string | undefined {
  for (const dir of DIRS) {
    const candidate = path.join(dir, program);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * The path of a program a test needs from Debian's packages (haproxy, redis-server, …). Missing, it is installed with
 * apt when the tests run as root (as `npm test` does for Chromium); otherwise the test fails saying what to install.
 * Never downloaded from anywhere else.
 */
export function debianProgram(program: string, pkg = program): string {
  const found = find(program);
  if (found) return found;
  if (process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
    const installed = spawnSync('apt-get', ['install', '-y', '-qq', pkg], { stdio: ['ignore', 'ignore', 'pipe'], env });
    const now = find(program);
    if (now) return now;
    throw new Error(`Could not install Debian's ${pkg} package for the tests: ${installed.stderr?.toString().trim() || `apt-get exited with ${installed.status}`}`);
  }
  throw new Error(`These tests need ${program} from Debian's ${pkg} package. Install it (sudo apt-get install -y ${pkg}) or run the tests as root, which installs it.`);
}
