import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './builtClient.ts';
import { forgetSession, rememberSession } from './browser.ts';
import { forgetCredentials, registerCredentials } from '../../server/src/testing/credentials.ts';

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** The first admin's browser session (cookies for a browser, and its CSRF token). */
  session: HarnessSession;
  /** An admin access key the harness made (requests in tests carry it unless they say otherwise). */
  token: string;
  dataDir: string;
  /** Everything the server printed so far, for failure messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after 5 s; removes the data directory if this function created it. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash or an out-of-memory kill ends it: nothing is cleaned up, the data directory stays. */
  crash(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 30_000;

/** The first admin the harness starts Baton with (BATON_ADMIN_PASSWORD), signing in as "admin". */
export const TEST_ADMIN_PASSWORD = 'test-admin-password-0';

export interface HarnessSession {
  cookie: string;
  csrfToken: string;
}

/** Signs in as the first admin and makes an admin access key, as a script would (README: "Scripts"). */
export async function signInAsAdmin(url: string): Promise<{ session: HarnessSession; token: string }> {
  const signIn = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: '' }, body: JSON.stringify({ name: 'admin', password: TEST_ADMIN_PASSWORD }) });
  if (!signIn.ok) throw new Error(`The harness could not sign in as admin (${signIn.status}): ${await signIn.text()}`);
  const cookies = signIn.headers.getSetCookie().map((c) => c.split(';')[0]);
  const session: HarnessSession = { cookie: cookies.join('; '), csrfToken: ((await signIn.json()) as { csrfToken: string }).csrfToken };
  const made = await fetch(`${url}/api/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken }, body: JSON.stringify({ name: 'test harness', scope: 'admin' }) });
  if (!made.ok) throw new Error(`The harness could not make an access key (${made.status}): ${await made.text()}`);
  return { session, token: ((await made.json()) as { secret: string }).secret };
}
const STOP_GRACE_MS = 5_000;
// The URL ends at whitespace or at a quote/brace, so a JSON log line ("msg":"… http://…") works too.
const LISTENING = /listening on (http:\/\/[^\s"'}]+)/;

/** Starts the real Baton server on a free port with its own data directory. */
export async function startServer(opts: { dataDir?: string; env?: Record<string, string> } = {}): Promise<RunningServer> {
  const ownsDataDir = !opts.dataDir;
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'baton-e2e-')));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', BATON_DATA_DIR: dataDir, BATON_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, ...opts.env },
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
    const { session, token } = await signInAsAdmin(url);
    registerCredentials(url, token);
    await rememberSession(url, session.cookie);
    const forget = <T,>(then: () => Promise<T>) => () => {
      forgetCredentials(url);
      forgetSession(url);
      return then();
    };
    return { url, session, token, dataDir, output: () => output, stop: forget(stop), crash: forget(crash) };
  } catch (error) {
    await stop();
    throw error;
  }
}
