import { createServer, type RequestListener, type Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { createApp, signInThrottleFor } from './http/createApp.ts';
import { Accounts } from './accounts/Accounts.ts';
import { attachWebSockets } from './http/webSockets.ts';
import { NlpjsNlu } from './nlu/NlpjsNlu.ts';
import { seedExampleFlows } from './seedExampleFlows.ts';
import { seedPersonas } from './seedPersonas.ts';
import { seedStaffing } from './seedStaffing.ts';
import { loadSignalModel } from './signals/index.ts';
import { openStore, withCallLog } from './store/openStore.ts';
import { PgStoreData } from './store/PgStoreData.ts';
import { PgCallLog } from './store/PgCallLog.ts';
import { RedisCalls } from './store/RedisCalls.ts';
import { RedisRoutingLog } from './store/RedisRoutingLog.ts';
import { DataDirLockedError } from './store/dataDirLock.ts';
import { llmSettingsFromEnv } from './llm/llmSettingsFromEnv.ts';
import { twilioSettingsFromEnv } from './telephony/twilio/twilioSettings.ts';
import { maxLiveCallsFromEnv } from './usecases/maxLiveCallsFromEnv.ts';
import { allowedHostsFromEnv } from './http/allowedHosts.ts';
import { callStartsPerMinuteFromEnv } from './http/rateLimits.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const log = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const dataDir = path.resolve(process.env.BATON_DATA_DIR ?? path.join(root, 'data'));
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST;
/** The built client to serve; another build can be served from elsewhere (e.g. while a second build is tested). */
const clientDir = path.resolve(process.env.BATON_CLIENT_DIR ?? path.join(root, 'client/dist'));

/** How long a stop may take (closing calls' sockets, the call log, the lock) before the process exits anyway. */
const STOP_GRACE_MS = 10_000;

async function main() {
  // Read first: a half-done language model setting stops the server before it takes the data directory.
  const llm = llmSettingsFromEnv(process.env);
  const maxLiveCalls = maxLiveCallsFromEnv(process.env);
  const callStartsPerMinute = callStartsPerMinuteFromEnv(process.env);
  // The learned handoff detectors: a missing or damaged model file stops Baton here, saying which file and how to rebuild it.
  try {
    const started = performance.now();
    loadSignalModel(process.env.BATON_SIGNALS_MODEL ? path.resolve(process.env.BATON_SIGNALS_MODEL) : undefined);
    log.debug({ ms: Math.round(performance.now() - started) }, 'handoff detectors loaded');
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  // The port is taken before anything is written: a port in use stops Baton with that error alone, the data directory
  // untouched. Until the app is ready, requests get a 503 rather than hang.
  let handle: RequestListener = (_req, res) => {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1' }).end('Baton is starting. Try again in a moment.');
  };
  const server = createServer((req, res) => handle(req, res));
  try {
    await listen(server, port, host ?? '::');
  } catch (err) {
    console.error(`Baton could not listen on port ${port}: ${(err as Error).message}. Set PORT to a free port, or stop what is using it.`);
    process.exit(1);
  }
  // Several instances: the durable store (flows, queues, agents, …) and the call log in PostgreSQL, so every instance
  // serves the same flows and a call's record is whole wherever its turns ran.
  const databaseUrl = process.env.BATON_DATABASE_URL;
  const quit = async (err: unknown, ...open: Array<{ close(): Promise<unknown> } | undefined>) => {
    await Promise.all(open.map((o) => o?.close().catch(() => {})));
    server.close();
    throw err;
  };
  const storeData = databaseUrl ? await PgStoreData.connect(databaseUrl, (err) => log.error({ err }, 'store (PostgreSQL)')).catch((err: unknown) => quit(err)) : undefined;
  const opened = await openStore(dataDir, {
    data: storeData,
    onFileCopied: () => log.info(`copied ${path.join(dataDir, 'baton.json')} into the empty PostgreSQL store`),
    onStaleLockTaken: (owner) => log.warn({ owner }, `took over the data directory from a Baton server that is no longer running (process ${owner.pid} on ${owner.host})`),
    onLeftoversRemoved: (count) => log.info({ count }, 'removed temporary files left by writes a crash interrupted'),
  }).catch((err: unknown) => quit(err));
  const store = databaseUrl ? withCallLog(opened, await PgCallLog.connect(databaseUrl, (err) => log.error({ err }, 'call log (PostgreSQL)')).catch((err: unknown) => quit(err, opened))) : opened;
  if (databaseUrl) log.info('flows, settings and the call log are in PostgreSQL (BATON_DATABASE_URL)');
  // Several instances: calls in progress live in Redis, where any instance takes any call's next event.
  const redisUrl = process.env.BATON_REDIS_URL;
  const sharedCalls = redisUrl ? await RedisCalls.connect(redisUrl, (err) => log.error({ err }, 'Redis')).catch((err: unknown) => quit(err, store)) : undefined;
  const routingLog = sharedCalls ? await RedisRoutingLog.connect(redisUrl!, sharedCalls.instanceId, (err) => log.error({ err }, 'Redis (routing)')).catch((err: unknown) => quit(err, store, sharedCalls)) : undefined;
  if (sharedCalls) log.info({ instance: sharedCalls.instanceId }, 'calls in progress and routing are shared with the other Baton instances through Redis');
  if (llm) log.info({ baseUrl: llm.baseUrl, model: llm.model, timeoutMs: llm.timeoutMs }, 'generative AI steps and briefings use this language model');
  const accounts = new Accounts(store, { throttle: signInThrottleFor(sharedCalls), onError: (err) => log.warn({ err }, "an access key's last use could not be saved") });
  let setupCode: string | undefined;
  // Instances starting together on one PostgreSQL seed an empty store (and make the first admin) once.
  await store.alone(async () => {
    const first = await accounts.firstStart(process.env.BATON_ADMIN_PASSWORD);
    if ('setupCode' in first) setupCode = first.setupCode;
    else if (first.admin === 'created') log.info('made the first admin, "admin", with the password in BATON_ADMIN_PASSWORD');
    const seeded = await seedExampleFlows(store, path.join(root, 'flows'), log);
    if (seeded > 0) log.info({ seeded }, 'example flows loaded into the empty store');
    await seedPersonas(store, path.join(root, 'flows/personas'), log);
    await seedStaffing(store, path.join(root, 'flows/staffing'), log);
  });
  const allowedHosts = allowedHostsFromEnv(process.env);
  if (allowedHosts.length === 0) log.info('answering to any host name: set BATON_PUBLIC_URL or BATON_ALLOWED_HOSTS on a shared network');
  else log.info({ allowedHosts }, 'answering only to these host names (and this machine)');
  const { app, calls, routing, webSockets, analytics } = createApp({ store, nlu: new NlpjsNlu(), log, clientDir, llm, twilio: twilioSettingsFromEnv(process.env), maxLiveCalls, sharedCalls, routingLog, allowedHosts, accounts, callStartsPerMinute });
  // Routing catches up with the other instances (their snapshot and the commands since) before this one serves.
  await routing.ready;
  handle = app;
  // With Redis, calls in progress are there for any instance; on one machine they are read back from the data directory.
  const { resumed, ended } = sharedCalls ? { resumed: 0, ended: 0 } : calls.resume(store.liveCalls.interrupted());
  if (resumed + ended > 0) log.info({ resumed, ended }, 'calls in progress when Baton last stopped go on');
  const sockets = attachWebSockets(server, webSockets);
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  // The e2e harness waits for this line.
  console.log(`Baton is listening on http://${host ?? 'localhost'}:${actual} (data in ${dataDir})`);
  if (setupCode) {
    const base = (process.env.BATON_PUBLIC_URL?.trim() || `http://${host && host !== '::' && host !== '0.0.0.0' ? host : 'localhost'}:${actual}`).replace(/\/$/, '');
    console.log(`\nNobody can sign in yet. Open this link to choose the first admin's name and password (it works once):\n  ${base}/welcome?code=${setupCode}\n(Or start Baton with BATON_ADMIN_PASSWORD set: that makes the first admin, "admin".)\n`);
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl+C does not wait for the first stop.
      console.error(`Baton stopped at once (${signal} again).`);
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'Baton is stopping: no new calls; the calls in progress are saved and go on when it starts again');
    setTimeout(() => {
      console.error(`Baton did not stop within ${STOP_GRACE_MS / 1000} s; exiting anyway.`);
      process.exit(1);
    }, STOP_GRACE_MS).unref();
    // Draining: readiness says "not ready" and new calls are refused; the turns being answered finish, and then every
    // call in progress is in the data directory, where the next start resumes it.
    calls.drain();
    // Routing's state (agents' statuses, who has which call) is written for the next start.
    const routingSaved = routing.close();
    // 1012 "service restart": a call's WebSocket client reconnects and resumes the call by its id.
    for (const socket of sockets.clients) socket.close(1012, 'Baton is restarting; reconnect and resume the call.');
    server.close(() => {
      void routingSaved.then(() => analytics.close()).then(() => Promise.all([store.close(), sharedCalls?.close(), routingLog?.close()])).then(
        () => process.exit(0),
        (err: unknown) => {
          console.error('Baton could not close its data directory cleanly:', err);
          process.exit(1);
        },
      );
    });
    server.closeIdleConnections();
    // Sockets that do not close when asked are cut after a moment, so they cannot hold the stop up.
    setTimeout(() => {
      for (const socket of sockets.clients) socket.terminate();
      server.closeAllConnections();
    }, 2_000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

main().catch((err) => {
  console.error(err instanceof DataDirLockedError || (err as Error).name === 'StartupError' ? (err as Error).message : err);
  process.exit(1);
});
