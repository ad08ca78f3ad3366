import { z } from 'zod';

/**
 * One queue's outbound handoff webhook. `allowPrivateNetwork` lets the URL reach loopback, link-local and
 * private addresses; it is off unless an admin turns it on, because otherwise anyone who can edit a queue
 * could make the server call internal services (cloud metadata, admin panels) for them.
 */
const webAddress = z
  .url({ protocol: /^https?$/, error: 'write a full web address starting with https://, e.g. "https://crm.example.com/baton/handoff"' })
  .max(2048, 'keep the webhook address under 2,048 characters')
  .refine((u) => !/^https?:\/\/[^/?#]*@/i.test(u), 'leave user names and passwords out of the address; the signature proves the sender');

export const webhookSettingsSchema = z.object({
  url: webAddress,
  /**
   * Optional: asked at each handoff, signed with the same secret, for what the queue's own records know of the caller's
   * number (account, name, tier…); its JSON answer goes into the agent's briefing if it comes within the budget.
   */
  lookupUrl: webAddress.optional(),
  secret: z
    .string()
    .min(16, 'use a secret of at least 16 characters, e.g. 32 random letters and digits')
    .max(256, 'keep the secret under 256 characters'),
  enabled: z.boolean().default(true),
  allowPrivateNetwork: z.boolean().default(false),
});

/** One queue's webhook settings after parsing (defaults filled in). */
export type WebhookSettings = z.infer<typeof webhookSettingsSchema>;

/** One handoff packet's trip to a queue's webhook, as the settings page shows it. Times are ISO. */
export interface WebhookDelivery {
  /** Also sent as `X-Baton-Delivery`, so a receiver can drop a retry it already handled. */
  id: string;
  queueId: string;
  callId: string;
  state: 'sending' | 'delivered' | 'failed';
  attempts: number;
  lastStatus?: number;
  /** The last failed try's reason; kept after a later success so a flaky receiver still shows. */
  lastError?: { code: WebhookErrorCode; message: string };
  startedAt: string;
  updatedAt: string;
}

export type WebhookErrorCode =
  | 'webhook_url_refused'
  | 'webhook_dns_failed'
  | 'webhook_timeout'
  | 'webhook_network_error'
  | 'webhook_http_error';
