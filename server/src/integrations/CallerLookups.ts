import type { HandoffPacket, WebhookSettings } from '@baton/shared';
import { put } from '../store/ownRecord.ts';
import { postWebhook } from './postWebhook.ts';
import { resolveWebhookTarget, type LookupAll } from './resolveWebhookTarget.ts';
import { signWebhook } from './webhookSignature.ts';

/** How long a handoff waits for the caller lookup before the offer goes out without it. */
const LOOKUP_BUDGET_MS = 1_500;
/** A lookup's answer larger than this is not read. */
const MAX_REPLY_BYTES = 16_384;
const MAX_FIELDS = 20;
const MAX_KEY = 60;
const MAX_VALUE = 200;

type Details = Record<string, string | number | boolean>;

export interface CallerLookupsOptions {
  /** A queue's webhook settings (with its lookup address, if any). */
  settingsFor: (queueId: string) => WebhookSettings | undefined;
  now?: () => number;
  /** DNS, for tests. */
  lookup?: LookupAll;
  budgetMs?: number;
  onProblem?: (queueId: string, message: string) => void;
}

/**
 * A queue's caller lookup: at handoff Baton asks the queue's own system (signed as its handoff webhook is) what it knows
 * of the caller's number, and puts the answer's plain fields into the agent's briefing. Bounded in time and size; an
 * address the webhook rules refuse, a slow, failing or odd answer leaves the briefing as it was, never holding it back.
 */
export class CallerLookups {
  constructor(private readonly options: CallerLookupsOptions) {}

  /** Whether the queue asks anyone: only then does a handoff wait (at most the budget) for an answer. */
  configured(queueId: string): boolean {
    const settings = this.options.settingsFor(queueId);
    return Boolean(settings?.enabled && settings.lookupUrl);
  }

  /** The caller's details from the queue's lookup, or undefined. Never rejects. */
  async lookup(queueId: string, packet: HandoffPacket): Promise<Details | undefined> {
    const settings = this.options.settingsFor(queueId);
    if (!settings?.enabled || !settings.lookupUrl) return undefined;
    const problem = (message: string) => {
      this.options.onProblem?.(queueId, message);
      return undefined;
    };
    const resolved = await resolveWebhookTarget(settings.lookupUrl, { allowPrivateNetwork: settings.allowPrivateNetwork, ...(this.options.lookup ? { lookup: this.options.lookup } : {}) });
    if ('problem' in resolved) return problem(resolved.problem.message);
    const body = JSON.stringify({ event: 'caller_lookup', callId: packet.callId, queueId, caller: { phone: packet.caller.phone ?? null, name: packet.caller.name ?? null } });
    const headers = { 'Content-Type': 'application/json', 'X-Baton-Event': 'caller_lookup', ...signWebhook(body, settings.secret, Math.floor((this.options.now?.() ?? Date.now()) / 1000)) };
    const result = await postWebhook(resolved.target, body, headers, this.options.budgetMs ?? LOOKUP_BUDGET_MS, MAX_REPLY_BYTES);
    if ('problem' in result) return problem(result.problem.message);
    if (result.status < 200 || result.status >= 300) return problem(`The caller lookup answered ${result.status}.`);
    return detailsOf(result.reply) ?? problem('The caller lookup did not answer with a JSON object of plain values.');
  }
}

/** The plain fields of a JSON object (text, numbers, yes/no), bounded: what the briefing shows. */
function detailsOf(reply: string | undefined): Details | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(reply ?? '');
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const details: Details = {};
  for (const [key, value] of Object.entries(parsed).slice(0, MAX_FIELDS)) {
    if (key.length > MAX_KEY) continue;
    const kept = typeof value === 'string' ? value.slice(0, MAX_VALUE) : typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
    if (kept !== undefined) put<string | number | boolean>(details, key, kept);
  }
  return Object.keys(details).length > 0 ? details : undefined;
}
