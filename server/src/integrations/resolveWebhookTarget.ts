import { lookup as dnsLookup } from 'node:dns/promises';
import type { WebhookErrorCode } from '@baton/shared';
import { classifyAddress, type AddressKind } from './classifyAddress.ts';

/** Resolves a host name to every address it has; `node:dns/promises` `lookup` in production. */
export type LookupAll = (hostname: string, options: { all: true }) => Promise<Array<{ address: string; family: number }>>;

/** A checked place to send a webhook: connect to `address`, but speak to `url`'s host (Host header, TLS SNI). */
export interface WebhookTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

export interface WebhookProblem {
  code: WebhookErrorCode;
  message: string;
  /** Whether trying again later could help (a DNS hiccup), as opposed to a setting someone must change. */
  retryable: boolean;
}

const kindWords: Record<Exclude<AddressKind, 'public'>, string> = {
  loopback: 'this server itself (loopback)',
  link_local: 'a link-local address (such as cloud metadata)',
  private: 'a private network address',
  unspecified: 'an unspecified address',
  reserved: 'a reserved address',
};

const refused = (url: URL, address: string, kind: Exclude<AddressKind, 'public'>): WebhookProblem => ({
  code: 'webhook_url_refused',
  message:
    `The webhook address ${url.host} leads to ${kindWords[kind]} (${address}). Use a public address, ` +
    'or ask an admin to allow private networks for this queue.',
  retryable: false,
});

/**
 * Finds where a webhook may be sent. Every address the host resolves to is checked, because a receiver
 * could pick any of them; the caller must then connect to the returned address rather than resolving the
 * name again, or a DNS answer that changes in between (rebinding) would slip past this check.
 */
export async function resolveWebhookTarget(
  rawUrl: string,
  options: { allowPrivateNetwork: boolean; lookup?: LookupAll },
): Promise<{ target: WebhookTarget } | { problem: WebhookProblem }> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { problem: { code: 'webhook_url_refused', message: `"${rawUrl}" is not a web address.`, retryable: false } };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { problem: { code: 'webhook_url_refused', message: 'The webhook address must start with https:// or http://.', retryable: false } };
  }
  // URL keeps brackets around IPv6 hosts and has already turned forms like 0x7f.1 or 2130706433 into 127.0.0.1.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');

  let addresses: Array<{ address: string; family: number }>;
  if (classifyAddress(host) !== undefined) {
    addresses = [{ address: host, family: host.includes(':') ? 6 : 4 }];
  } else {
    const lookup: LookupAll = options.lookup ?? dnsLookup;
    try {
      addresses = await lookup(host, { all: true });
    } catch (error) {
      const reason = error instanceof Error && 'code' in error ? String(error.code) : 'no answer';
      return { problem: { code: 'webhook_dns_failed', message: `Could not find the webhook host ${host} (${reason}).`, retryable: true } };
    }
    if (addresses.length === 0) {
      return { problem: { code: 'webhook_dns_failed', message: `The webhook host ${host} has no addresses.`, retryable: true } };
    }
  }

  if (!options.allowPrivateNetwork) {
    for (const { address } of addresses) {
      const kind = classifyAddress(address) ?? 'reserved';
      if (kind !== 'public') return { problem: refused(url, address, kind) };
    }
  }
  const [first] = addresses as [{ address: string; family: number }];
  return { target: { url, address: first.address, family: first.family === 6 ? 6 : 4 } };
}
