/**
 * Sign-in slowed down after failures: after 3 wrong passwords for a name from one address, each further try waits
 * twice as long as the last (1 s, 2 s, 4 s … up to 5 minutes); an address is slowed the same way after 20 failures
 * across names. A success clears the name's count; 15 minutes without a failure forget it. The counts are in memory
 * on one machine and in Redis with several instances (`sharedCounters`), so every instance slows the same attacker.
 * Hand-written: the rate-limit middleware counts requests in a window, not a doubling wait after failures.
 */
const FREE_FAILURES = 3;
const FREE_FAILURES_PER_ADDRESS = 20;
const MAX_WAIT_S = 300;
const FORGET_AFTER_MS = 15 * 60_000;

/** Where the counts live: counters with expiry, and "wait until" times. */
export interface ThrottleCounters {
  /** Adds one to `key` (which is forgotten `ttlMs` after this) and returns the count. */
  increment(key: string, ttlMs: number): Promise<number>;
  setUntil(key: string, until: number, ttlMs: number): Promise<void>;
  untils(keys: string[]): Promise<number[]>;
  clear(keys: string[]): Promise<void>;
}

/** The counts of one instance. */
export function memoryCounters(now: () => number = Date.now): ThrottleCounters {
  const values = new Map<string, { value: number; expires: number }>();
  const read = (key: string) => {
    const entry = values.get(key);
    if (entry && entry.expires <= now()) values.delete(key);
    return values.get(key)?.value ?? 0;
  };
  const write = (key: string, value: number, ttlMs: number) => {
    values.set(key, { value, expires: now() + ttlMs });
    // Never more than this many names and addresses remembered: the oldest go first.
    if (values.size > 100_000) values.delete(values.keys().next().value!);
  };
  return {
    async increment(key, ttlMs) {
      const value = read(key) + 1;
      write(key, value, ttlMs);
      return value;
    },
    async setUntil(key, until, ttlMs) {
      write(key, until, ttlMs);
    },
    async untils(keys) {
      return keys.map(read);
    },
    async clear(keys) {
      for (const key of keys) values.delete(key);
    },
  };
}

/** The counts in Redis (any client that can send a command), shared by every instance. */
export function redisCounters(send: (...command: string[]) => Promise<unknown>): ThrottleCounters {
  const prefixed = (key: string) => `baton:signin:${key}`;
  return {
    async increment(key, ttlMs) {
      const value = Number(await send('INCR', prefixed(key)));
      await send('PEXPIRE', prefixed(key), String(ttlMs));
      return value;
    },
    async setUntil(key, until, ttlMs) {
      await send('SET', prefixed(key), String(until), 'PX', String(ttlMs));
    },
    async untils(keys) {
      const values = (await send('MGET', ...keys.map(prefixed))) as Array<string | null>;
      return values.map((v) => Number(v ?? 0));
    },
    async clear(keys) {
      await send('DEL', ...keys.map(prefixed));
    },
  };
}

export class SignInThrottle {
  constructor(
    private readonly counters: ThrottleCounters = memoryCounters(),
    private readonly now: () => number = Date.now,
  ) {}

  private keys(name: string, client: string) {
    return { name: `n:${name.trim().toLowerCase()}|${client}`, address: `a:${client}` };
  }

  /** Seconds to wait before this name may be tried from this address again (0: now). */
  async waitSeconds(name: string, client: string): Promise<number> {
    const k = this.keys(name, client);
    const until = Math.max(...(await this.counters.untils([`${k.name}:until`, `${k.address}:until`])));
    const now = this.now();
    return until > now ? Math.ceil((until - now) / 1000) : 0;
  }

  async failed(name: string, client: string): Promise<void> {
    const k = this.keys(name, client);
    await this.count(k.name, FREE_FAILURES);
    await this.count(k.address, FREE_FAILURES_PER_ADDRESS);
  }

  async succeeded(name: string, client: string): Promise<void> {
    const k = this.keys(name, client);
    await this.counters.clear([`${k.name}:count`, `${k.name}:until`]);
  }

  private async count(key: string, free: number) {
    const count = await this.counters.increment(`${key}:count`, FORGET_AFTER_MS);
    if (count >= free) await this.counters.setUntil(`${key}:until`, this.now() + Math.min(MAX_WAIT_S, 2 ** (count - free)) * 1000, FORGET_AFTER_MS);
  }
}
