import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './builtClient.ts';

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  dataDir: string;
  /** Everything the server printed so far, for failure messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after 5 s; removes the data directory if this function created it. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash or an out-of-memory kill ends it: nothing is cleaned up, the data directory stays. */
  crash(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;
// The URL ends at whitespace or at a quote/brace, so a JSON log line ("msg":"… http://…") works too.
const LISTENING = /listening on (http:\/\/[^\s"'}]+)/;

/** Starts the real Baton server on a free port with its own data directory. */
export async function startServer(opts: { dataDir?: string; env?: Record<string, string> } = {}): Promise<RunningServer> {
  const ownsDataDir = !opts.dataDir;
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'baton-e2e-')));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', BATON_DATA_DIR: dataDir, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const removeDataDir = () => (ownsDataDir ? rm(dataDir, { recursive: true, force: true }) : Promise.resolve());

  async function stop(): Promise<void> {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    await removeDataDir();
  }

  try {
    const url = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      let found = false;
      const timer = setTimeout(
        () => reject(new Error(`The Baton server did not say it was listening within ${STARTUP_TIMEOUT_MS / 1000} s.\n${output}`)),
        STARTUP_TIMEOUT_MS,
      );
      child.stdout.on('data', (chunk: Buffer) => {
        const text = chunk.toString();
        output += text;
        if (found) return;
        stdout += text;
        const match = LISTENING.exec(stdout);
        if (match) {
          found = true;
          clearTimeout(timer);
          resolve(match[1].replace(/[.,;)]+$/, '').replace(/\/$/, ''));
        }
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`Could not start the Baton server: ${error.message}\n${output}`));
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`The Baton server stopped before listening (exit code ${code}, signal ${signal}).\n${output}`));
      });
    });
    const crash = async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    };
    return { url, dataDir, output: () => output, stop, crash };
  } catch (error) {
    await stop();
    throw error;
  }
}
