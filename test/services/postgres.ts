import { spawn, spawnSync } from 'node:child_process';
import { accessSync, chownSync, constants, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { debianProgram } from './debianProgram.ts';
import { freePort } from './haproxy.ts';

export interface RunningPostgres {
  /** postgres://… for BATON_DATABASE_URL (user `baton`, no password: loopback only). */
  url: string;
  /** A new, empty database on this server (for a test that needs a store of its own): its URL. */
  freshDatabase(): Promise<string>;
  stop(): Promise<void>;
}

/** Debian puts PostgreSQL's server programs in /usr/lib/postgresql/<version>/bin, off the PATH. */
function serverBinDir(): string | undefined {
  for (const dir of ['/usr/lib/postgresql']) {
    let versions: string[] = [];
    try {
      versions = readdirSync(dir).sort((a, b) => Number(b) - Number(a));
    } catch {
      continue;
    }
    for (const version of versions) {
      const bin = path.join(dir, version, 'bin');
      try {
        accessSync(path.join(bin, 'postgres'), constants.X_OK);
        return bin;
      } catch {
        // not this one
      }
    }
  }
  return undefined;
}

/**
 * Debian's PostgreSQL on loopback, in a fresh directory, for one test file: `initdb` and the server run as the
 * `postgres` user when the tests run as root (PostgreSQL refuses root), with fsync off (a test's data need not survive
 * a power cut). Installed with apt when missing and the tests run as root; otherwise the test fails saying what to install.
 */
export async function startPostgres(): Promise<RunningPostgres> {
  let bin = serverBinDir();
  if (!bin) {
    // Installs Debian's postgresql package if need be (or says to), then looks again.
    debianProgram('pg_ctlcluster', 'postgresql');
    bin = serverBinDir();
    if (!bin) throw new Error("These tests need PostgreSQL's server from Debian's postgresql package (/usr/lib/postgresql/<version>/bin). Install it: sudo apt-get install -y postgresql");
  }
  const root = process.getuid?.() === 0;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'baton-postgres-'));
  const data = path.join(dir, 'data');
  // As root, the programs run as the postgres user (the child is PostgreSQL itself, so signals reach it).
  const user = root ? userIds('postgres') : {};
  if (root) chownSync(dir, user.uid!, user.gid!);
  const initialised = spawnSync(path.join(bin, 'initdb'), ['-D', data, '-U', 'baton', '--auth=trust', '--encoding=UTF8', '--no-sync'], { encoding: 'utf8', cwd: dir, ...user });
  if (initialised.status !== 0) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${initialised.stderr || initialised.stdout}`);
  }
  const port = await freePort();
  const args = ['-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir, '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
  const child = spawn(path.join(bin, 'postgres'), args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir, ...user });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 30_000;
  while (!/ready to accept connections/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
      throw new Error(`PostgreSQL did not start on port ${port}:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const url = `postgres://baton@127.0.0.1:${port}/postgres`;
  let databases = 0;
  return {
    url,
    async freshDatabase() {
      const name = `baton_${++databases}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url.replace(/\/postgres$/, `/${name}`);
    },
    async stop() {
      // SIGINT: PostgreSQL's fast shutdown.
      child.kill('SIGINT');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function userIds(user: string): { uid?: number; gid?: number } {
  const id = (flag: string) => Number(spawnSync('id', [flag, user], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}
