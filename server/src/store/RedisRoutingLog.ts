import { Redis } from 'ioredis';
import type { RoutingLog } from './types.ts';

const LOG = 'baton:routing:log';
const SNAPSHOT = 'baton:routing:snapshot';
/** The log position the snapshot was taken at (kept apart, so a script can read the commands after it). */
const SNAPSHOT_ID = 'baton:routing:snapshot-id';
const LEADER = 'baton:routing:leader';
/** The leader renews its lease this often; another instance takes over once it has lapsed. */
const LEASE_RENEW_MS = 1_000;
const LEASE_MS = 3_000;

/** Renews the lease if this instance holds it, or takes it if nobody does. 1 when this instance leads. */
const LEAD = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
if not holder then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0
`;

/** The snapshot and every command after it, read in one step: a newer snapshot cannot trim commands away in between. */
const START = `
local id = redis.call('GET', KEYS[3]) or '0-0'
return {redis.call('GET', KEYS[2]) or false, redis.call('XRANGE', KEYS[1], '(' .. id, '+')}
`;

/** Saves a snapshot with its position, then drops the commands it covers. */
const SAVE = `
redis.call('SET', KEYS[2], ARGV[2])
redis.call('SET', KEYS[3], ARGV[1])
redis.call('XTRIM', KEYS[1], 'MINID', ARGV[1])
return 1
`;

type Entries = Array<[string, string[]]>;
type Scripted = Redis & {
  lead(key: string, instance: string, ms: number): Promise<number>;
  startFollowing(log: string, snapshot: string, snapshotId: string): Promise<[string | false | null, Entries]>;
  saveSnapshot(log: string, snapshot: string, snapshotId: string, id: string, state: string): Promise<number>;
};

/**
 * Routing's commands in a Redis stream that every instance applies, in order, to its own router (so the same offers
 * are made everywhere, and each desk's events come from the instance it is connected to), with a snapshot that an
 * instance joining later starts from, and a lease that makes one instance the leader (it appends the clock's ticks
 * and saves the snapshots).
 */
export class RedisRoutingLog implements RoutingLog {
  private readonly redis: Scripted;
  private readonly reader: Redis;
  private leading = false;
  private closed = false;
  private readonly lease: NodeJS.Timeout;

  private constructor(
    url: string,
    readonly instanceId: string,
    private readonly onError: (error: Error) => void,
  ) {
    const options = { maxRetriesPerRequest: 2, lazyConnect: true };
    this.redis = new Redis(url, { ...options, enableAutoPipelining: true }) as Scripted;
    // Its own connection: a blocking read holds it.
    this.reader = new Redis(url, options);
    this.redis.on('error', onError);
    this.reader.on('error', onError);
    this.redis.defineCommand('lead', { numberOfKeys: 1, lua: LEAD });
    this.redis.defineCommand('startFollowing', { numberOfKeys: 3, lua: START });
    this.redis.defineCommand('saveSnapshot', { numberOfKeys: 3, lua: SAVE });
    this.lease = setInterval(() => void this.renewLease(), LEASE_RENEW_MS);
    this.lease.unref();
  }

  static async connect(url: string, instanceId: string, onError: (error: Error) => void = (error) => console.error(`Redis: ${error.message}`)): Promise<RedisRoutingLog> {
    const log = new RedisRoutingLog(url, instanceId, onError);
    await Promise.all([log.redis.connect(), log.reader.connect()]);
    await log.renewLease();
    return log;
  }

  isLeader(): boolean {
    return this.leading;
  }

  async append(command: Record<string, unknown>): Promise<void> {
    await this.redis.xadd(LOG, '*', 'c', JSON.stringify(command));
  }

  async open(restore: (state: unknown) => void, apply: (id: string, command: Record<string, unknown>) => void): Promise<void> {
    const [saved, since] = await this.redis.startFollowing(LOG, SNAPSHOT, SNAPSHOT_ID);
    let after = '0-0';
    if (saved) {
      const snapshot = JSON.parse(saved) as { id: string; state: unknown };
      restore(snapshot.state);
      after = snapshot.id;
    }
    const applyAll = (entries: Entries) => {
      for (const [id, fields] of entries) {
        after = id;
        try {
          apply(id, JSON.parse(fields[1]) as Record<string, unknown>);
        } catch (error) {
          this.onError(error as Error);
        }
      }
    };
    applyAll(since);
    void (async () => {
      while (!this.closed) {
        try {
          const read = (await this.reader.xread('BLOCK', 1000, 'STREAMS', LOG, after)) as Array<[string, Entries]> | null;
          if (read) applyAll(read[0][1]);
        } catch (error) {
          if (this.closed) return;
          this.onError(error as Error);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    })();
  }

  async saveSnapshot(id: string, state: unknown): Promise<void> {
    await this.redis.saveSnapshot(LOG, SNAPSHOT, SNAPSHOT_ID, id, JSON.stringify({ id, state }));
  }

  private async renewLease() {
    try {
      this.leading = (await this.redis.lead(LEADER, this.instanceId, LEASE_MS)) === 1;
    } catch (error) {
      this.leading = false;
      if (!this.closed) this.onError(error as Error);
    }
  }

  async close() {
    this.closed = true;
    clearInterval(this.lease);
    if (this.leading) await this.redis.eval("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0", 1, LEADER, this.instanceId).catch(() => {});
    this.reader.disconnect();
    await this.redis.quit().catch(() => {});
  }
}
