import { recordChanges } from '../store/audit.ts';
import {
  agentSettingsSchema, queueSettingsSchema, webhookSettingsSchema, type AgentSettings, type LiveFigures, type QueueSettings, type Versioned, type WebhookDelivery, type WebhookView, type WebhookSettings,
} from '@baton/shared';
import type { z } from 'zod';
import { AppError, notFound } from '../errors.ts';
import { resolveWebhookTarget } from '../integrations/resolveWebhookTarget.ts';
import type { Store } from '../store/types.ts';
import { preconditionOf, versionFromIfMatch } from './ifMatch.ts';
import type { RoutingService } from './RoutingService.ts';

type Issue = { path: string; message: string };

/** Parses a body with a settings schema; a mismatch is a 422 naming each field, and nothing is stored. */
function parseSettings<S extends z.ZodType>(schema: S, body: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issues: Issue[] = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  throw invalid(what, issues);
}

const invalid = (what: string, issues: Issue[]) =>
  new AppError(422, `invalid_${what}`, `The ${what} cannot be saved: ${issues[0]!.path ? `${issues[0]!.path}: ` : ''}${issues[0]!.message}.`, issues);

function objectBody(body: unknown, what: string): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new AppError(400, 'invalid_body', `Send the ${what} as a JSON object.`);
  return body as Record<string, unknown>;
}

/**
 * For a replace, the id comes from the address; a different id in the body is a mistake, not a rename. The version
 * a GET gave may come back in the body: the If-Match header, not the body, says which version was edited.
 */
function withAddressId(body: unknown, id: string, what: string): Record<string, unknown> {
  const { version: _version, ...fields } = objectBody(body, what);
  if (fields.id !== undefined && fields.id !== id)
    throw new AppError(400, 'id_mismatch', `The ${what} in the body has id "${String(fields.id)}" but the address is for "${id}". Use the same id.`);
  return { ...fields, id };
}

const viewOf = ({ url, lookupUrl, enabled, allowPrivateNetwork, secret, version }: Versioned<WebhookSettings>): Versioned<WebhookView> => ({
  url,
  ...(lookupUrl ? { lookupUrl } : {}),
  enabled,
  allowPrivateNetwork,
  secretSet: secret.length > 0,
  version,
});

/** The conditional headers of a save, as the route read them. */
export interface SaveConditions {
  ifMatch?: string;
  ifNoneMatch?: string;
}

/** The part of the webhook sender the settings page reads: what happened to the latest handoffs. */
export interface DeliveryLog {
  recentDeliveries(queueId: string): WebhookDelivery[];
}

/** Queues, agents and queue webhooks: the use cases behind /api/queues and /api/agents. */
export class StaffingService {
  /** `routing` follows every saved change to queues and agents and gives the live figures; `deliveries` is the webhook sender's log. */
  constructor(
    private readonly store: Store,
    private readonly routing?: RoutingService,
    private readonly deliveries?: DeliveryLog,
  ) {}

  /** Every queue's and agent's figures right now; with `flowIds`, only those flows' queues, their agents and calls. */
  live(flowIds?: readonly string[]): LiveFigures {
    if (!this.routing) throw new AppError(503, 'routing_not_running', 'Live figures are not available: call routing is not running on this server.');
    if (!flowIds?.length) return this.routing.live();
    // Their flows' queues, as drafted and as published (calls run on the published version).
    const flows = this.store.flows;
    const queueIds = new Set(
      flowIds.flatMap((id) => {
        const draft = flows.get(id);
        const published = draft?.publishedVersion ? flows.version(id, draft.publishedVersion)?.flow : undefined;
        return [draft, published].flatMap((f) => f?.settings.queues.map((q) => q.id) ?? []);
      }),
    );
    return this.routing.live({ queueIds, flowIds: new Set(flowIds) });
  }

  listQueues(): Array<Versioned<QueueSettings>> {
    return this.store.queues.list();
  }

  getQueue(id: string): Versioned<QueueSettings> {
    const queue = this.store.queues.get(id);
    if (!queue) throw notFound('queue', id);
    return queue;
  }

  async createQueue(body: unknown): Promise<Versioned<QueueSettings>> {
    const queue = await this.store.queues.create(parseSettings(queueSettingsSchema, objectBody(body, 'queue'), 'queue'));
    await this.store.audit.add({ action: 'queue_changed', subject: queue.id, changes: recordChanges(undefined, queue) });
    await this.routing?.staffingChanged({ kind: 'queue_changed' });
    return queue;
  }

  /** Replaces a queue if nobody saved it since the version in If-Match (428 without, 412 when stale). */
  async updateQueue(id: string, body: unknown, ifMatch: string | undefined): Promise<Versioned<QueueSettings>> {
    const expected = versionFromIfMatch(ifMatch);
    const before = this.store.queues.get(id);
    const queue = await this.store.queues.update(parseSettings(queueSettingsSchema, withAddressId(body, id, 'queue'), 'queue'), expected);
    await this.store.audit.add({ action: 'queue_changed', subject: id, changes: recordChanges(before, queue) });
    await this.routing?.staffingChanged({ kind: 'queue_changed' });
    return queue;
  }

  async removeQueue(id: string): Promise<void> {
    await this.store.queues.remove(id);
    await this.store.audit.add({ action: 'queue_changed', subject: id, note: 'removed' });
    await this.routing?.staffingChanged({ kind: 'queue_changed' });
  }

  listAgents(): Array<Versioned<AgentSettings>> {
    return this.store.agents.list();
  }

  getAgent(id: string): Versioned<AgentSettings> {
    const agent = this.store.agents.get(id);
    if (!agent) throw notFound('agent', id);
    return agent;
  }

  async createAgent(body: unknown): Promise<Versioned<AgentSettings>> {
    const agent = await this.store.agents.create(parseSettings(agentSettingsSchema, objectBody(body, 'agent'), 'agent'));
    await this.store.audit.add({ action: 'agent_changed', subject: agent.id, changes: recordChanges(undefined, agent) });
    await this.routing?.staffingChanged({ kind: 'agent_saved', agentId: agent.id });
    return agent;
  }

  /** Replaces an agent if nobody saved it since the version in If-Match (428 without, 412 when stale). */
  async updateAgent(id: string, body: unknown, ifMatch: string | undefined): Promise<Versioned<AgentSettings>> {
    const expected = versionFromIfMatch(ifMatch);
    const before = this.store.agents.get(id);
    const agent = await this.store.agents.update(parseSettings(agentSettingsSchema, withAddressId(body, id, 'agent'), 'agent'), expected);
    await this.store.audit.add({ action: 'agent_changed', subject: id, changes: recordChanges(before, agent) });
    await this.routing?.staffingChanged({ kind: 'agent_saved', agentId: agent.id });
    return agent;
  }

  async removeAgent(id: string): Promise<void> {
    await this.store.agents.remove(id);
    await this.store.audit.add({ action: 'agent_changed', subject: id, note: 'removed' });
    await this.routing?.staffingChanged({ kind: 'agent_removed' });
  }

  /** 404 when the queue is missing, or has no webhook yet. */
  webhook(queueId: string): Versioned<WebhookView> {
    this.getQueue(queueId);
    const webhook = this.store.queues.webhook(queueId);
    if (!webhook) throw new AppError(404, 'not_found', `The queue "${queueId}" has no webhook yet.`);
    return viewOf(webhook);
  }

  /**
   * Sets a queue's webhook. Without `secret` the stored one is kept (the page never sees it to send it back), unless
   * the address (or the caller-lookup address) changes: then 422 until the secret is sent again.
   * An address leading to this server or a private network is refused unless `allowPrivateNetwork` is on;
   * sending checks again, since a host name can point elsewhere later. Setting the first one needs no If-Match;
   * replacing one does (428 without, 412 when someone else saved since).
   */
  async putWebhook(queueId: string, body: unknown, conditions: SaveConditions): Promise<Versioned<WebhookView>> {
    const expected = preconditionOf(conditions);
    this.getQueue(queueId);
    const { version: _version, ...fields } = objectBody(body, 'webhook');
    const stored = this.store.queues.webhook(queueId);
    // A new address needs the secret typed again: else whoever can change the address receives every handover signed
    // with the stored secret, and the receiver could not tell it from the real one.
    const moved = stored && ((typeof fields.url === 'string' && fields.url !== stored.url) || (fields.lookupUrl ?? undefined) !== (stored.lookupUrl ?? undefined));
    if (moved && fields.secret === undefined)
      throw invalid('webhook', [{ path: 'secret', message: 'Type the secret again: the address changed, and a new address is only trusted with the secret' }]);
    // With no secret stored either, '' lets the schema say how long a secret must be instead of "expected string".
    const given = fields.secret === undefined ? { ...fields, secret: stored?.secret ?? '' } : fields;
    const webhook = parseSettings(webhookSettingsSchema, given, 'webhook');
    if (!webhook.allowPrivateNetwork) {
      const checked = await resolveWebhookTarget(webhook.url, { allowPrivateNetwork: false });
      // A host that does not resolve now may later; only an address known to be private is refused here.
      if ('problem' in checked && checked.problem.code === 'webhook_url_refused') throw invalid('webhook', [{ path: 'url', message: checked.problem.message }]);
    }
    const saved = await this.store.queues.putWebhook(queueId, webhook, expected);
    // Switching on private-network webhooks is named on its own in the trail: it lets handovers reach inside the network.
    await this.store.audit.add({ action: 'webhook_changed', subject: queueId, changes: recordChanges(stored, saved, ['secret']) });
    return viewOf(saved);
  }

  /** The queue's latest webhook deliveries, newest first; 404 for an unknown queue, empty when it has sent none. */
  webhookDeliveries(queueId: string): WebhookDelivery[] {
    this.getQueue(queueId);
    return this.deliveries?.recentDeliveries(queueId) ?? [];
  }
}
