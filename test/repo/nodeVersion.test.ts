import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../e2e/builtClient.ts';

interface LockedPackage {
  version?: string;
  engines?: { node?: string } | string[];
}

const read = (file: string) => readFileSync(join(repoRoot, file), 'utf8');

describe('the Node version Baton declares', () => {
  const declared = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
  const oldest = semver.minVersion(declared)!.version;

  it('When a newcomer installs on the oldest Node the README names, then no locked dependency asks for a newer one', () => {
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, LockedPackage> };
    const tooNew = Object.entries(lock.packages)
      .filter(([, pkg]) => pkg.engines && !Array.isArray(pkg.engines) && pkg.engines.node)
      .filter(([, pkg]) => !semver.satisfies(oldest, (pkg.engines as { node: string }).node))
      .map(([name, pkg]) => `${name}@${pkg.version} needs Node ${(pkg.engines as { node: string }).node}`);
    expect(tooNew).toEqual([]);
  });

  it('When the README says which Node to use, then it is the version package.json declares', () => {
    const [major, minor] = oldest.split('.');
    expect(read('README.md')).toContain(`Node.js ${major}.${minor} or later`);
  });

  it('When the tests run, then they run on a Node that package.json accepts', () => {
    expect(semver.satisfies(process.version, declared)).toBe(true);
  });
});
