import { randomUUID } from 'node:crypto';
import type { HandoffPacket, WebhookDelivery, WebhookSettings } from '@baton/shared';
import { postWebhook } from './postWebhook.ts';
import { resolveWebhookTarget, type LookupAll, type WebhookProblem } from './resolveWebhookTarget.ts';
import { signWebhook } from './webhookSignature.ts';

export interface WebhookSenderOptions {
  /** A queue's webhook settings, or undefined when it has none. */
  settingsFor: (queueId: string) => WebhookSettings | undefined | Promise<WebhookSettings | undefined>;
  /** Milliseconds since the epoch. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** 0..1, spreads retries so receivers coming back up are not hit by every sender at once. */
  random?: () => number;
  lookup?: LookupAll;
  timeoutMs?: number;
  maxAttempts?: number;
  /** The wait after the first failed attempt; it doubles after each further one (1 s, 2 s, 4 s, 8 s). */
  firstRetryDelayMs?: number;
  /** How many deliveries per queue `recentDeliveries` keeps. */
  logSize?: number;
  /** Told about failures that are Baton's own fault (a settings store that throws), never about receivers. */
  onInternalError?: (error: unknown) => void;
}

/** Whether an HTTP status from the receiver is worth trying again: it is overloaded or broken for now. */
export const isRetryableStatus = (status: number) => status === 429 || status >= 500;

/**
 * Posts handoff packets to each queue's webhook, signed, with retries, and remembers the last deliveries
 * per queue for the settings page. `deliver` never rejects, so a caller may fire and forget it.
 */
export class WebhookSender {
  private readonly log = new Map<string, WebhookDelivery[]>();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly firstRetryDelayMs: number;
  private readonly logSize: number;

  constructor(private readonly options: WebhookSenderOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.firstRetryDelayMs = options.firstRetryDelayMs ?? 1_000;
    this.logSize = options.logSize ?? 20;
  }

  /** Sends `packet` to the queue's webhook; resolves to the finished delivery, or undefined if the queue has no enabled webhook. */
  async deliver(queueId: string, packet: HandoffPacket): Promise<WebhookDelivery | undefined> {
    try {
      const settings = await this.options.settingsFor(queueId);
      if (!settings?.enabled) return undefined;
      const delivery = this.record(queueId, packet.callId);
      await this.send(delivery, settings, JSON.stringify(packet));
      return { ...delivery };
    } catch (error) {
      (this.options.onInternalError ?? ((e) => console.error('webhook delivery failed inside Baton', e)))(error);
      return undefined;
    }
  }

  /**
   * The queue's latest deliveries, newest first, including ones still being retried. A delivered one keeps
   * the error of its last failed try, so the page can say "delivered after a timeout".
   */
  recentDeliveries(queueId: string): WebhookDelivery[] {
    return (this.log.get(queueId) ?? []).map((delivery) => ({ ...delivery }));
  }

  private async send(delivery: WebhookDelivery, settings: WebhookSettings, body: string): Promise<void> {
    while (delivery.attempts < this.maxAttempts) {
      if (delivery.attempts > 0) await this.sleep(this.retryDelay(delivery.attempts));
      const problem = await this.attempt(delivery, settings, body);
      if (problem === undefined) {
        this.update(delivery, { state: 'delivered' });
        return;
      }
      this.update(delivery, { lastError: { code: problem.code, message: problem.message } });
      if (!problem.retryable) break;
    }
    this.update(delivery, { state: 'failed' });
  }

  /** One try: check the address again (DNS may have changed), sign afresh, post. Undefined means delivered. */
  private async attempt(delivery: WebhookDelivery, settings: WebhookSettings, body: string): Promise<WebhookProblem | undefined> {
    const resolved = await resolveWebhookTarget(settings.url, {
      allowPrivateNetwork: settings.allowPrivateNetwork,
      ...(this.options.lookup ? { lookup: this.options.lookup } : {}),
    });
    if ('problem' in resolved) {
      // A refused address is a setting to fix, not a try at the receiver; DNS failures do count.
      if (resolved.problem.retryable) this.update(delivery, { attempts: delivery.attempts + 1 });
      return resolved.problem;
    }
    const headers = {
      'Content-Type': 'application/json',
      'User-Agent': 'Baton-Webhook/1',
      'X-Baton-Event': 'handoff',
      'X-Baton-Delivery': delivery.id,
      ...signWebhook(body, settings.secret, Math.floor(this.now() / 1000)),
    };
    this.update(delivery, { attempts: delivery.attempts + 1 });
    const result = await postWebhook(resolved.target, body, headers, this.timeoutMs);
    if ('problem' in result) return result.problem;
    this.update(delivery, { lastStatus: result.status });
    if (result.status >= 200 && result.status < 300) return undefined;
    return {
      code: 'webhook_http_error',
      message:
        result.status >= 300 && result.status < 400
          ? `The webhook receiver answered ${result.status} (a redirect); redirects are not followed, so enter the final address.`
          : `The webhook receiver answered ${result.status}.`,
      retryable: isRetryableStatus(result.status),
    };
  }

  private retryDelay(failedAttempts: number): number {
    const base = this.firstRetryDelayMs * 2 ** (failedAttempts - 1);
    return Math.round(base * (0.75 + 0.5 * this.random()));
  }

  private record(queueId: string, callId: string): WebhookDelivery {
    const at = new Date(this.now()).toISOString();
    const delivery: WebhookDelivery = { id: randomUUID(), queueId, callId, state: 'sending', attempts: 0, startedAt: at, updatedAt: at };
    const entries = [delivery, ...(this.log.get(queueId) ?? [])].slice(0, this.logSize);
    this.log.set(queueId, entries);
    return delivery;
  }

  private update(delivery: WebhookDelivery, change: Partial<WebhookDelivery>): void {
    Object.assign(delivery, change, { updatedAt: new Date(this.now()).toISOString() });
  }
}
