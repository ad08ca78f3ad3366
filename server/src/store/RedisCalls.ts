import { randomUUID } from 'node:crypto';
import type { VoiceEvidence } from '@baton/shared';
import { Redis } from 'ioredis';
import { AppError } from '../errors.ts';
import { redactedUrl } from './redactedUrl.ts';
import type { CallSave, SharedCalls, TakenCall } from './types.ts';

/** An instance is running while its heartbeat key lives; it renews it this often, and it lives three times as long. */
const HEARTBEAT_MS = 500;
const HEARTBEAT_TTL_MS = 1_500;
/**
 * A call taken by an instance stays taken at most this long, even if the instance still runs (a stuck event). A
 * killed instance's calls are free as soon as its heartbeat lapses (HEARTBEAT_TTL_MS), well before this.
 */
const TAKEN_MS = 30_000;
/** How long an event waits for a call another instance has before giving up with 503. */
const WAIT_FOR_CALL_MS = 10_000;
/** Calls in progress are kept a day after their last change; ended ones an hour (a late turn gets "ended", the desk its wrap-up). */
const IN_PROGRESS_TTL_S = 24 * 3600;
const ENDED_TTL_S = 3600;
/** One channel per call (the call id follows), subscribed only where the call's channel is connected. */
const UPDATES = 'baton:call-updates:';
const VOICE_ASK = 'baton:voice:ask';
const VOICE_ANSWER = 'baton:voice:answer:';
/** How long an instance waits for the one with a call's audio (on loopback or a LAN, a millisecond or two). */
const VOICE_WAIT_MS = 150;
const LIVE = 'baton:calls:in-progress';
/**
 * The calls at an AI step, by when their caller last sent anything: the ones the idle sweep looks at. Apart from LIVE
 * so that callers waiting silently in a queue or talking to an agent (never ended for silence) cannot fill the sweep's
 * page and hide the callers who left.
 */
const AT_AI_STEP = 'baton:calls:at-ai-step';
const HEARTBEAT = 'baton:instance:';
const CALLSID_TTL_S = 24 * 3600;
/** Twilio retries a webhook within seconds; its answer is kept a while longer. */
const WEBHOOK_ANSWER_TTL_S = 600;

/** The keys a call's scripts use: its own (the braces keep them in one slot of a Redis Cluster), then the two sets. */
const keys = (callId: string) => [`baton:call:{${callId}}:taken`, `baton:call:{${callId}}:version`, `baton:call:{${callId}}:lines`, `baton:call:{${callId}}:base`, LIVE, AT_AI_STEP] as const;
type CallKeys = ReturnType<typeof keys>;

/**
 * Takes a call for one event, unless a running instance (its heartbeat alive) has it; a call whose keys expired leaves
 * the sets of calls in progress. A call's lines are its last
 * whole save (at version `base`) and each change after it (line i is version base + i). Returns {-1} busy, {0}
 * unknown, {1, version, base} when `known` is the latest, {1, version, base, lines, 1} with the changes after `known`
 * when it follows the last whole save, else {1, version, base, lines, 0} with all of them.
 */
const TAKE = `
local holder = redis.call('GET', KEYS[1])
if holder and redis.call('EXISTS', ARGV[4] .. holder) == 1 then return {-1} end
local v = redis.call('GET', KEYS[2])
if not v then
  redis.call('ZREM', KEYS[5], ARGV[5])
  redis.call('ZREM', KEYS[6], ARGV[5])
  return {0}
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
local base = tonumber(redis.call('GET', KEYS[4]) or '1')
if v == ARGV[3] then return {1, v, base} end
local known = tonumber(ARGV[3])
if known and known >= base and known < tonumber(v) then return {1, v, base, redis.call('LRANGE', KEYS[3], known - base + 1, -1), 1} end
return {1, v, base, redis.call('LRANGE', KEYS[3], 0, -1), 0}
`;

/** Saves an event's change (ARGV[2]: none, whole or change) and lets the call go; -1 when this instance no longer has it. */
const RELEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
redis.call('DEL', KEYS[1])
if ARGV[2] == 'none' then return tonumber(redis.call('GET', KEYS[2]) or '0') end
if ARGV[2] == 'whole' then redis.call('DEL', KEYS[3]) end
redis.call('RPUSH', KEYS[3], ARGV[3])
local v = redis.call('INCR', KEYS[2])
if ARGV[2] == 'whole' then redis.call('SET', KEYS[4], v) end
local ttl = ARGV[4] == '1' and ARGV[8] or ARGV[7]
redis.call('EXPIRE', KEYS[2], ttl)
redis.call('EXPIRE', KEYS[3], ttl)
redis.call('EXPIRE', KEYS[4], ttl)
if ARGV[4] == '1' then redis.call('ZREM', KEYS[5], ARGV[6]) else redis.call('ZADD', KEYS[5], ARGV[5], ARGV[6]) end
if ARGV[9] == '1' then redis.call('ZADD', KEYS[6], ARGV[5], ARGV[6]) else redis.call('ZREM', KEYS[6], ARGV[6]) end
return v
`;

/** A new call, saved whole at version 1; 0 if the id is taken. */
const CREATE = `
if redis.call('SET', KEYS[2], 1, 'NX', 'EX', ARGV[4]) == false then return 0 end
redis.call('SET', KEYS[4], 1, 'EX', ARGV[4])
redis.call('RPUSH', KEYS[3], ARGV[1])
redis.call('EXPIRE', KEYS[3], ARGV[4])
redis.call('ZADD', KEYS[5], ARGV[2], ARGV[3])
if ARGV[5] == '1' then redis.call('ZADD', KEYS[6], ARGV[2], ARGV[3]) end
return 1
`;

type Scripted = Redis & {
  takeCall(...args: [...CallKeys, instance: string, ms: number, known: string, heartbeat: string, callId: string]): Promise<[number, string?, number?, string[]?, number?]>;
  releaseCall(...args: [...CallKeys, instance: string, mode: string, line: string, ended: string, lastHeardAt: number, callId: string, ttl: number, endedTtl: number, atAiStep: string]): Promise<number>;
  createCall(...args: [...CallKeys, line: string, lastHeardAt: number, callId: string, ttl: number, atAiStep: string]): Promise<number>;
};

/**
 * Calls in progress in Redis (BATON_REDIS_URL), shared by every Baton instance. Each call is a list of JSON lines (the
 * call whole, then each event's changes, as the embedded store's file keeps them) with a version; an instance takes a
 * call with a script that checks no running instance has it and returns the lines only if its own copy is stale, and
 * lets it go with a script that appends the change and bumps the version — two round trips per event. Instances
 * announce they are running with a heartbeat key, so the calls of one that was killed are free within 1.5 s.
 */
export class RedisCalls implements SharedCalls {
  readonly instanceId = randomUUID();
  private readonly redis: Scripted;
  private readonly subscriber: Redis;
  /** The calls followed here, with who listens to each. */
  private readonly followed = new Map<string, { ready: Promise<void>; listeners: Set<(update: unknown) => void> }>();
  private voiceAnswer: ((callSid: string, take: boolean) => { evidence?: VoiceEvidence; streaming: boolean } | undefined) | undefined;
  private readonly voiceWaiting = new Map<string, (answer: { evidence?: VoiceEvidence; streaming: boolean }) => void>();
  private readonly heartbeat: NodeJS.Timeout;

  private constructor(url: string, onError: (error: Error) => void) {
    // Auto-pipelining: the commands of the turns answered in one tick go to Redis in one write.
    const options = { maxRetriesPerRequest: 2, enableReadyCheck: true, lazyConnect: true, enableAutoPipelining: true };
    this.redis = new Redis(url, options) as Scripted;
    this.subscriber = new Redis(url, options);
    this.redis.on('error', onError);
    this.subscriber.on('error', onError);
    const numberOfKeys = keys('').length;
    this.redis.defineCommand('takeCall', { numberOfKeys, lua: TAKE });
    this.redis.defineCommand('releaseCall', { numberOfKeys, lua: RELEASE });
    this.redis.defineCommand('createCall', { numberOfKeys, lua: CREATE });
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel === VOICE_ASK) return this.voiceAsked(message);
      if (channel.startsWith(VOICE_ANSWER)) {
        const { id, answer } = JSON.parse(message) as { id: string; answer: { evidence?: VoiceEvidence; streaming: boolean } };
        this.voiceWaiting.get(id)?.(answer);
        return;
      }
      const listeners = this.followed.get(channel.slice(UPDATES.length))?.listeners;
      if (!listeners) return;
      const { from, update } = JSON.parse(message) as { from: string; update: unknown };
      if (from === this.instanceId) return;
      for (const listener of listeners) listener(update);
    });
    this.heartbeat = setInterval(() => void this.beat().catch(onError), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  sendCommand(...command: string[]): Promise<unknown> {
    const [name, ...args] = command;
    return this.redis.call(name!, ...args);
  }

  /** Connects (rejecting with what is wrong when Redis cannot be reached) and starts this instance's heartbeat. */
  static async connect(url: string, onError: (error: Error) => void = (error) => console.error(`Redis: ${error.message}`)): Promise<RedisCalls> {
    const calls = new RedisCalls(url, onError);
    try {
      await Promise.all([calls.redis.connect(), calls.subscriber.connect()]);
      await calls.subscriber.subscribe(VOICE_ASK, VOICE_ANSWER + calls.instanceId);
      await calls.beat();
    } catch (error) {
      calls.redis.disconnect();
      calls.subscriber.disconnect();
      clearInterval(calls.heartbeat);
      const failed = new Error(`Baton could not reach Redis at ${redactedUrl(url, 'BATON_REDIS_URL')} (BATON_REDIS_URL): ${(error as Error).message}. Start Redis there, or unset BATON_REDIS_URL to run one instance on its own.`);
      failed.name = 'StartupError';
      throw failed;
    }
    return calls;
  }

  private async beat() {
    await this.redis.set(HEARTBEAT + this.instanceId, '1', 'PX', HEARTBEAT_TTL_MS);
  }

  async create(callId: string, save: CallSave): Promise<number> {
    const created = await this.redis.createCall(...keys(callId), save.text, save.lastHeardAt, callId, IN_PROGRESS_TTL_S, save.atAiStep ? '1' : '0');
    if (created !== 1) throw new Error(`a call with id ${callId} already exists`);
    return 1;
  }

  async take(callId: string, knownVersion: number | undefined): Promise<TakenCall | undefined> {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      const [status, v, since, saved, changesOnly] = await this.redis.takeCall(...keys(callId), this.instanceId, TAKEN_MS, String(knownVersion ?? ''), HEARTBEAT, callId);
      if (status === 0) return undefined;
      if (status === 1) {
        const call: TakenCall = { version: Number(v), changesSinceWhole: Number(v) - since! };
        if (saved) Object.assign(call, { lines: saved.map((line) => JSON.parse(line) as Record<string, unknown>), changesOnly: changesOnly === 1 });
        return call;
      }
      if (Date.now() - started > WAIT_FOR_CALL_MS) throw new AppError(503, 'call_busy', 'This call is busy with another event; try the turn again in a moment.');
      // Another event of this call is being answered (usually for a few milliseconds): wait a little longer each time.
      await new Promise((resolve) => setTimeout(resolve, Math.min(50, 1 << attempt)));
    }
  }

  async release(callId: string, save: CallSave | undefined): Promise<number | undefined> {
    const mode = !save ? 'none' : save.whole ? 'whole' : 'change';
    const v = await this.redis.releaseCall(...keys(callId), this.instanceId, mode, save?.text ?? '', save?.ended ? '1' : '0', save?.lastHeardAt ?? 0, callId, IN_PROGRESS_TTL_S, ENDED_TTL_S, save?.atAiStep ? '1' : '0');
    return v < 0 ? undefined : v;
  }

  inProgress(): Promise<number> {
    return this.redis.zcard(LIVE);
  }

  silentSince(before: number, limit: number): Promise<string[]> {
    return this.redis.zrangebyscore(AT_AI_STEP, '-inf', `(${before}`, 'LIMIT', 0, limit);
  }

  async rememberCallSid(callSid: string, callId: string) {
    await this.redis.set(`baton:callsid:${callSid}`, callId, 'EX', CALLSID_TTL_S);
  }

  async callIdForSid(callSid: string): Promise<string | undefined> {
    return (await this.redis.get(`baton:callsid:${callSid}`)) ?? undefined;
  }

  async webhookAnswer(key: string): Promise<string | undefined> {
    return (await this.redis.get(`baton:webhook:${key}`)) ?? undefined;
  }

  async rememberWebhookAnswer(key: string, answer: string) {
    await this.redis.set(`baton:webhook:${key}`, answer, 'EX', WEBHOOK_ANSWER_TTL_S);
  }

  askVoice(callSid: string, take: boolean): Promise<{ evidence?: VoiceEvidence; streaming: boolean } | undefined> {
    const id = randomUUID();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.voiceWaiting.delete(id);
        resolve(undefined);
      }, VOICE_WAIT_MS);
      this.voiceWaiting.set(id, (answer) => {
        clearTimeout(timer);
        this.voiceWaiting.delete(id);
        resolve(answer);
      });
      this.redis.publish(VOICE_ASK, JSON.stringify({ from: this.instanceId, id, callSid, take })).catch(() => {});
    });
  }

  answerVoice(answer: (callSid: string, take: boolean) => { evidence?: VoiceEvidence; streaming: boolean } | undefined) {
    this.voiceAnswer = answer;
  }

  /** Another instance asks for a call's voice: the one that measures it answers; the others say nothing. */
  private voiceAsked(message: string) {
    const { from, id, callSid, take } = JSON.parse(message) as { from: string; id: string; callSid: string; take: boolean };
    if (from === this.instanceId) return;
    const answer = this.voiceAnswer?.(callSid, take === true);
    if (answer) this.redis.publish(VOICE_ANSWER + from, JSON.stringify({ id, answer })).catch(() => {});
  }

  publish(callId: string, update: unknown) {
    void this.redis.publish(UPDATES + callId, JSON.stringify({ from: this.instanceId, update })).catch(() => {});
  }

  follow(callId: string, listener: (update: unknown) => void) {
    let call = this.followed.get(callId);
    if (!call) {
      call = { ready: this.subscriber.subscribe(UPDATES + callId).then(() => {}), listeners: new Set() };
      this.followed.set(callId, call);
    }
    call.listeners.add(listener);
    const followed = call;
    return {
      ready: followed.ready,
      stop: () => {
        if (!followed.listeners.delete(listener) || followed.listeners.size > 0) return;
        this.followed.delete(callId);
        this.subscriber.unsubscribe(UPDATES + callId).catch(() => {});
      },
    };
  }

  async close() {
    clearInterval(this.heartbeat);
    await this.redis.del(HEARTBEAT + this.instanceId).catch(() => {});
    await Promise.all([this.redis.quit().catch(() => {}), this.subscriber.quit().catch(() => {})]);
  }
}
