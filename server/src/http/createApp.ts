import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import { signalRoutes } from './signalRoutes.ts';
import { analyticsRoutes } from './analyticsRoutes.ts';
import { CallAnalytics } from '../analytics/CallAnalytics.ts';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { Nlu } from '../nlu/Nlu.ts';
import type { CallLog, RoutingLog, SharedCalls, Store } from '../store/types.ts';
import { CallService } from '../usecases/CallService.ts';
import { ConversationTestService } from '../usecases/ConversationTestService.ts';
import { RuntimeFlowCache } from '../usecases/RuntimeFlowCache.ts';
import { notFound } from '../errors.ts';
import type { CompileContext, RealCallReading } from '@baton/shared';
import { SimulationService, type RealCallSource, type RealPhraseSource } from '../usecases/SimulationService.ts';
import { readRealCall, realCallOf, type RealCall } from '../simulation/replayRealCall.ts';
import { callRoutes, turnHandler } from './callRoutes.ts';
import { conversationTestRoutes } from './conversationTestRoutes.ts';
import { apiNotFound, errorMiddleware } from './errorMiddleware.ts';
import { refuseCrossSite } from './refuseCrossSite.ts';
import { checkHost } from './allowedHosts.ts';
import { Accounts } from '../accounts/Accounts.ts';
import { SignInThrottle, memoryCounters, redisCounters } from '../accounts/SignInThrottle.ts';
import { authenticate, principalOf } from '../accounts/authenticate.ts';
import { mayCall } from '../accounts/access.ts';
import { accountRoutes } from './accountRoutes.ts';
import { limitToTheirFlows } from '../accounts/flowScope.ts';
import { DEFAULT_CALL_STARTS_PER_MINUTE, callStartLimit } from './rateLimits.ts';
import { auditRoutes } from './auditRoutes.ts';
import type { IncomingMessage } from 'node:http';
import { requireJson } from './requireJson.ts';
import { jsonBody as parseJsonBody } from './jsonBody.ts';
import { flowRoutes } from './flowRoutes.ts';
import { simulationRoutes } from './simulationRoutes.ts';
import { staffingRoutes } from './staffingRoutes.ts';
import { StaffingService } from '../usecases/StaffingService.ts';
import { RoutingService } from '../usecases/RoutingService.ts';
import { CallerLookups } from '../integrations/CallerLookups.ts';
import { WebhookSender } from '../integrations/WebhookSender.ts';
import { deskRoutes } from './deskRoutes.ts';
import type { SocketHandler } from './webSockets.ts';
import { VoiceLevels } from '../telephony/media/VoiceLevels.ts';
import { isStreamToken } from '../telephony/media/streamToken.ts';
import { callSocket } from './callSocket.ts';
import type { LlmSettings } from '../llm/LanguageModel.ts';
import { OpenAiCompatibleModel } from '../llm/OpenAiCompatibleModel.ts';
import { twilioRoutes } from './twilioRoutes.ts';
import { TwilioChannel, type VoiceSource } from '../telephony/twilio/TwilioChannel.ts';
import type { TwilioSettings } from '../telephony/twilio/twilioSettings.ts';
import { NumberBindings } from '../telephony/twilio/NumberBindings.ts';
import { SharedVoice } from '../telephony/media/SharedVoice.ts';
import { numberRoutes } from '../telephony/twilio/numberRoutes.ts';

/** Large enough for a 10,000-node flow, small enough that one request cannot exhaust memory. */
export const BODY_LIMIT = '2mb';

/**
 * The settings the API and the benchmark's bare endpoint share, so they compare like with like. Browsers are told to
 * fetch everything over https only when Baton is served over TLS: over plain HTTP under any name but localhost, that
 * upgrade (helmet's default) leaves a blank page, since nothing answers the https requests.
 */
export function baseApp({ servedOverTls = false }: { servedOverTls?: boolean } = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: servedOverTls ? [] : null } },
      strictTransportSecurity: servedOverTls,
    }),
  );
  return app;
}

/** Baton itself listens on plain HTTP; it is served over TLS when its public URL (behind a proxy) is https. */
function isServedOverTls(publicUrl: string | undefined): boolean {
  return publicUrl?.trim().toLowerCase().startsWith('https://') ?? false;
}

export interface AppDeps {
  store: Store;
  nlu: Nlu;
  log: Logger;
  /** The built client (client/dist); served with a fallback to index.html for client-side routes. */
  clientDir?: string;
  /** An OpenAI-compatible language model for generative AI steps and briefing summaries; optional. */
  llm?: LlmSettings;
  /** Twilio webhooks (auth token, public URL, default flow); without an auth token they are all refused. */
  twilio?: TwilioSettings & { voiceSource?: VoiceSource };
  /** Calls in progress at once (BATON_MAX_LIVE_CALLS); a call past it is refused with 503. Default 10,000. */
  maxLiveCalls?: number;
  /** Seconds an agent has to accept an offer (default 20); tests shorten it. */
  offerTimeoutSeconds?: number;
  /** Seconds without a word from the caller after which a call at an AI step is ended as left (default 30 minutes); tests shorten it. */
  callIdleSeconds?: number;
  /** Several instances: calls in progress shared through Redis (BATON_REDIS_URL). */
  sharedCalls?: SharedCalls;
  /** Several instances: routing's commands shared through Redis; wait for `routing.ready` before serving. */
  routingLog?: RoutingLog;
  /** With `routingLog`: the leader's snapshot after this many commands (default 500); tests lower it. */
  routingSnapshotEvery?: number;
  /** The host names it answers to (`allowedHostsFromEnv`); empty or absent: any. */
  allowedHosts?: readonly string[];
  /** Call starts per client per minute (BATON_CALL_STARTS_PER_MINUTE; default 3,000). */
  callStartsPerMinute?: number;
  /** Sign-in and access keys over `store` (made here when absent); main makes it first, for the first admin. */
  accounts?: Accounts;
}

/**
 * `routing` runs a timer: call `routing.close()` when the server stops. `webSockets` are the WebSocket endpoints by
 * path: pass them to `attachWebSockets` with the HTTP server.
 */
/** The real calls a replay plays: which ones from the analytics copy, their events from the call log in one pass. */
function realCallsFrom(analytics: () => Promise<CallAnalytics>, callLog: CallLog): RealCallSource {
  return async (query) => {
    const { found, callIds } = await (await analytics()).callsToReplay(query);
    const records = await callLog.readCalls(callIds, query.from);
    const calls: RealCall[] = [];
    for (const callId of callIds) {
      const call = realCallOf(callId, records.get(callId) ?? []);
      if (call) calls.push(call);
    }
    return { found, calls };
  };
}

/** Sign-in slowing, in Redis when several instances share it. */
export function signInThrottleFor(sharedCalls: SharedCalls | undefined): SignInThrottle {
  return new SignInThrottle(sharedCalls ? redisCounters((...command) => sharedCalls.sendCommand(...command)) : memoryCounters());
}

/** The call WebSocket runs calls: for those who may start calls over HTTP (a session or an access key). */
function callSocketAdmission(accounts: Accounts) {
  return async (request: IncomingMessage) => {
    const principal = await principalOf(accounts, request);
    if (!principal) return { status: 401 as const, text: 'Sign in first, or send Authorization: Bearer <access key>.' };
    if (!mayCall(principal.role, 'POST', '/calls')) return { status: 403 as const, text: 'This role cannot run calls.' };
    return undefined;
  };
}

/** What a flow's transfers are checked against: the queues of Settings → Queues and who has which skills. */
function routingContext(store: Store): CompileContext {
  const queues = store.queues.list();
  return {
    routingQueueIds: new Set(queues.map((q) => q.id)),
    skills: { ofQueues: new Map(queues.map((q) => [q.id, q.requiredSkills])), ofAgents: store.agents.list().map((a) => new Set(a.skills.map((s) => s.skill))) },
  };
}

/** How real callers of a flow put an intent, from the analytics copy. */
function realPhrasesFrom(analytics: () => Promise<CallAnalytics>): RealPhraseSource {
  return async (query) => (await (await analytics()).phrases(query)).phrases.map((p) => p.text);
}

/** One finished call read again on the version it ran on: what Baton noticed on each caller turn, and its path. */
async function readCallById(callId: string, callLog: CallLog, runtimes: RuntimeFlowCache): Promise<RealCallReading> {
  const call = realCallOf(callId, await callLog.read(callId));
  if (!call) throw notFound('finished call', callId);
  const runtime = runtimes.runtimeFor(call.flowId, call.flowVersion === 'draft' ? 'draft' : Number(call.flowVersion), 'its call cannot be read again');
  const { reproduced, turns } = readRealCall(runtime, call);
  return { callId, flowId: call.flowId, flowVersion: call.flowVersion, path: call.path, reproduced, turns };
}

export function createApp({ store, nlu, log, clientDir, llm, twilio = {}, maxLiveCalls, offerTimeoutSeconds, callIdleSeconds, sharedCalls, routingLog, routingSnapshotEvery, allowedHosts = [], accounts: givenAccounts, callStartsPerMinute = DEFAULT_CALL_STARTS_PER_MINUTE }: AppDeps): { app: Express; calls: CallService; routing: RoutingService; webSockets: Record<string, SocketHandler>; voiceLevels: VoiceLevels; analytics: { close(): Promise<void> }; accounts: Accounts } {
  const servedOverTls = isServedOverTls(twilio.publicUrl);
  const app = baseApp({ servedOverTls });
  const shared = sharedCalls && ((...command: string[]) => sharedCalls.sendCommand(...command));
  const accounts = givenAccounts ?? new Accounts(store, { throttle: signInThrottleFor(sharedCalls), onError: (err) => log.warn({ err }, 'an access key\'s last use could not be saved') });
  app.use(checkHost(allowedHosts));
  // One cache of compiled, trained flow versions for calls and conversation tests alike.
  const runtimes = new RuntimeFlowCache(store.flows, nlu);
  const routing = new RoutingService(store, { offerTimeoutSeconds, log: routingLog, snapshotEveryCommands: routingSnapshotEvery, onListenerError: (err) => log.error({ err }, 'a routing event subscriber failed') });
  // The callers' audio from Twilio's media streams (`/twilio/media`): each Twilio turn takes its voice evidence by call SID.
  // Without an auth token no Twilio call is answered, so no stream is taken either.
  const voiceLevels = new VoiceLevels({ admits: (callSid, parameters) => !!twilio.authToken && isStreamToken(twilio.authToken, callSid, parameters.token) });
  const webhooks = new WebhookSender({ settingsFor: (queueId) => store.queues.webhook(queueId), onInternalError: (err) => log.error({ err }, 'a handoff webhook failed inside Baton') });
  const model = llm && new OpenAiCompatibleModel(llm, (err, task) => log.warn({ err, task }, 'the language model gave no answer; the call went on without it'));
  const lookups = new CallerLookups({ settingsFor: (queueId) => store.queues.webhook(queueId), onProblem: (queueId, message) => log.warn({ queueId }, `caller lookup: ${message}`) });
  const calls = new CallService(store, runtimes, { routing, webhooks, onError: (err) => log.error({ err }, 'a call could not be carried out in full'), llm: model, lookups, maxLiveCalls, callIdleSeconds, shared: sharedCalls });
  const conversationTests = new ConversationTestService(store, runtimes);
  // The analytics copy of the call log, opened when first asked (a DuckDB file in the data directory).
  let analyticsOpened: Promise<CallAnalytics> | undefined;
  const analytics = () => (analyticsOpened ??= CallAnalytics.open(path.join(store.dataDir, 'analytics.duckdb'), store.calls, (err) => log.error({ err }, 'analytics could not read the call log')));
  const jsonBody = parseJsonBody(BODY_LIMIT);
  // For a load balancer or an orchestrator: alive while the process answers; ready while it takes new calls.
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/readyz', (_req, res) => {
    if (calls.draining) res.status(503).set('retry-after', '5').json({ ready: false, reason: 'Baton is shutting down and takes no new calls.' });
    else res.json({ ready: true });
  });
  app.use('/api', refuseCrossSite);
  // Every /api route but sign-in needs a session or an access key, a role that may call it and, from a browser, the
  // page's CSRF token.
  app.use('/api', authenticate(accounts));
  // Call turns are by far the most frequent requests: matched first, on the app itself, rather than through the API's
  // nested routers, each of which costs every turn a match.
  app.post('/api/calls/:id/turns', requireJson, jsonBody, turnHandler(calls));
  const api = express.Router();
  api.use(requireJson, jsonBody);
  // Several instances: a page reads what any instance saved last (one quick query to PostgreSQL; nothing on one machine).
  api.use((req, _res, next) => {
    if (req.method === 'GET') store.fresh().then(() => next(), next);
    else next();
  });
  api.use(limitToTheirFlows);
  api.use(accountRoutes(accounts, { servedOverTls }));
  api.post('/calls', callStartLimit(callStartsPerMinute, shared));
  api.use('/calls', callRoutes(calls));
  api.use('/flows/:id/tests', conversationTestRoutes(conversationTests));
  api.use('/flows', flowRoutes(store.flows, conversationTests, () => routingContext(store), store.publishRequests));
  api.use(simulationRoutes(new SimulationService(store, runtimes, nlu, { calls: realCallsFrom(analytics, store.calls), phrases: realPhrasesFrom(analytics) })));
  api.use(staffingRoutes(new StaffingService(store, routing, webhooks)));
  api.use('/desk', deskRoutes(routing, calls.desk));
  api.use('/signals', signalRoutes());
  api.use('/analytics', analyticsRoutes(analytics, (callId) => readCallById(callId, store.calls, runtimes)));
  api.use('/numbers', numberRoutes(new NumberBindings(store.numbers, store.flows), store.audit));
  api.use('/audit', auditRoutes(store.audit));
  api.use(apiNotFound);
  const twilioChannel = new TwilioChannel({ calls, flows: store.flows, numbers: store.numbers, callLog: store.calls, settings: twilio, voice: twilio.voiceSource ?? (sharedCalls ? new SharedVoice(voiceLevels, sharedCalls) : voiceLevels), answers: sharedCalls, onError: (err) => log.warn({ err }, 'a Twilio call could not be answered as asked') });
  app.use('/twilio', twilioRoutes(twilioChannel, twilio, shared));
  app.use('/api', api);
  if (clientDir && existsSync(path.join(clientDir, 'index.html'))) {
    app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
    app.get(/^\/(?!api\/).*/, (_req, res) => res.sendFile(path.join(clientDir, 'index.html')));
  } else {
    app.get('/', (_req, res) => res.type('text').send('The Baton client is not built yet. Run "npm run build", then restart the server.'));
  }
  app.use(errorMiddleware(log));
  // The call WebSocket is for Baton's own pages and for programs; Twilio's media streams come from Twilio.
  const webSockets: Record<string, SocketHandler> = { '/api/calls/ws': Object.assign(callSocket(calls, log), { ownPagesOnly: true, admit: callSocketAdmission(accounts) }) };
  webSockets['/twilio/media'] = voiceLevels.socketHandler;
  return { app, calls, routing, webSockets, voiceLevels, accounts, analytics: { close: async () => (await analyticsOpened?.catch(() => undefined))?.close() } };
}
