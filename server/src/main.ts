import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { createApp } from './http/createApp.ts';
import { attachWebSockets } from './http/webSockets.ts';
import { NlpjsNlu } from './nlu/NlpjsNlu.ts';
import { seedExampleFlows } from './seedExampleFlows.ts';
import { seedPersonas } from './seedPersonas.ts';
import { seedStaffing } from './seedStaffing.ts';
import { openStore } from './store/openStore.ts';
import { DataDirLockedError } from './store/dataDirLock.ts';
import { llmSettingsFromEnv } from './llm/llmSettingsFromEnv.ts';
import { twilioSettingsFromEnv } from './telephony/twilio/twilioSettings.ts';
import { maxLiveCallsFromEnv } from './usecases/maxLiveCallsFromEnv.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const log = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const dataDir = path.resolve(process.env.BATON_DATA_DIR ?? path.join(root, 'data'));
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST;
/** The built client to serve; another build can be served from elsewhere (e.g. while a second build is tested). */
const clientDir = path.resolve(process.env.BATON_CLIENT_DIR ?? path.join(root, 'client/dist'));

async function main() {
  // Read first: a half-done language model setting stops the server before it takes the data directory.
  const llm = llmSettingsFromEnv(process.env);
  const maxLiveCalls = maxLiveCallsFromEnv(process.env);
  if (llm) log.info({ baseUrl: llm.baseUrl, model: llm.model, timeoutMs: llm.timeoutMs }, 'generative AI steps and briefings use this language model');
  const store = await openStore(dataDir);
  const seeded = await seedExampleFlows(store, path.join(root, 'flows'), log);
  if (seeded > 0) log.info({ seeded }, 'example flows loaded into the empty store');
  await seedPersonas(store, path.join(root, 'flows/personas'), log);
  await seedStaffing(store, path.join(root, 'flows/staffing'), log);
  const { app, routing, webSockets } = createApp({ store, nlu: new NlpjsNlu(), log, clientDir, llm, twilio: twilioSettingsFromEnv(process.env), maxLiveCalls });
  const server = app.listen(port, host ?? '::', () => {
    const address = server.address();
    const actual = typeof address === 'object' && address ? address.port : port;
    // The e2e harness waits for this line.
    console.log(`Baton is listening on http://${host ?? 'localhost'}:${actual} (data in ${dataDir})`);
  });
  const sockets = attachWebSockets(server, webSockets);
  server.on('error', (err) => {
    console.error(`Baton could not listen on port ${port}: ${err.message}. Set PORT to a free port.`);
    void store.close().then(() => process.exit(1));
  });
  const stop = () => {
    routing.close();
    for (const socket of sockets.clients) socket.terminate();
    server.close();
    server.closeAllConnections();
    void store.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err instanceof DataDirLockedError ? err.message : err);
  process.exit(1);
});
