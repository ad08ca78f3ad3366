import type { RequestHandler } from 'express';
import { AppError } from '../errors.ts';

/**
 * The host names Baton answers to: `BATON_PUBLIC_URL`'s and those in `BATON_ALLOWED_HOSTS` (comma-separated). Empty
 * when neither is set: any name is served, the one-machine default on a trusted network.
 */
export function allowedHostsFromEnv(env: NodeJS.ProcessEnv): string[] {
  const hosts = (env.BATON_ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
  if (env.BATON_PUBLIC_URL?.trim()) {
    try {
      hosts.push(new URL(env.BATON_PUBLIC_URL.trim()).hostname.toLowerCase());
    } catch {
      // twilioSettingsFromEnv says what is wrong with the URL.
    }
  }
  return [...new Set(hosts)];
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * With allowed hosts set, a request for any other name is refused (421): a web page on another site cannot reach Baton
 * through a name of its own that resolves to Baton's address (DNS rebinding). The health checks of a load balancer,
 * which ask by address, and requests on this machine itself are always answered.
 */
export function checkHost(allowed: readonly string[]): RequestHandler {
  const names = new Set(allowed.map((h) => h.toLowerCase()));
  return (req, _res, next) => {
    if (names.size === 0 || req.path === '/healthz' || req.path === '/readyz') return next();
    const host = (req.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
    if (names.has(host) || LOOPBACK.has(host)) return next();
    next(new AppError(421, 'host_not_allowed', `Baton answers to ${[...names].join(', ')}, not "${host.slice(0, 100)}". Open it by one of those names, or add this one to BATON_ALLOWED_HOSTS.`));
  };
}
