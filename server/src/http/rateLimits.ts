import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import { AppError } from '../errors.ts';

type SendCommand = (...command: string[]) => Promise<unknown>;

/** With several instances the counts are in Redis, so a limit holds across all of them; else in memory. */
function storeFor(name: string, shared: SendCommand | undefined): Store | undefined {
  return shared ? new RedisStore({ prefix: `baton:limit:${name}:`, sendCommand: (...args: string[]) => shared(...args) as Promise<never> }) : undefined;
}

/** Call starts a client may make in a minute by default (BATON_CALL_STARTS_PER_MINUTE): 50 a second. */
export const DEFAULT_CALL_STARTS_PER_MINUTE = 3000;

/**
 * Call starts per client (an access key or a signed-in person, else the address) per minute: a leaked key or a
 * runaway script cannot fill the live-call limit with calls nobody is on. Shared by the instances through Redis when there are several.
 */
export function callStartLimit(perMinute: number, shared?: SendCommand): RequestHandler {
  return rateLimit({
    store: storeFor('calls', shared),
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => (req.principal ? `${req.principal.kind}:${req.principal.id}` : ipKeyGenerator(req.ip ?? '')),
    handler: (_req, _res, next, options) =>
      next(new AppError(429, 'too_many_call_starts', `More than ${options.limit} calls started in a minute by this client. Wait a moment; ask an admin to raise BATON_CALL_STARTS_PER_MINUTE if this is real traffic.`)),
  });
}

/**
 * Requests with a wrong Twilio signature from one address: after 30 in a minute, that address gets 429 until the minute
 * is over (requests that pass the check are not counted), so nobody can try signatures at speed.
 */
export function failedSignatureLimit(shared?: SendCommand): RequestHandler {
  return rateLimit({
    store: storeFor('twilio-signatures', shared),
    windowMs: 60_000,
    limit: 30,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new AppError(429, 'too_many_bad_signatures', 'Too many requests with a wrong X-Twilio-Signature from this address. Try again in a minute.')),
  });
}

export function callStartsPerMinuteFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env.BATON_CALL_STARTS_PER_MINUTE?.trim();
  if (!raw) return DEFAULT_CALL_STARTS_PER_MINUTE;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw Object.assign(new Error(`BATON_CALL_STARTS_PER_MINUTE must be a whole number of at least 1 (got "${raw}").`), { name: 'StartupError' });
  return n;
}
