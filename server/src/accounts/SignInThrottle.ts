/**
 * Sign-in slowed down after failures: after 3 wrong passwords for a name from one address, each further try waits
 * twice as long as the last (1 s, 2 s, 4 s … up to 5 minutes); an address is slowed the same way after 20 failures
 * across names. A success clears the name's count. Kept in memory per instance (hand-written: it is a dozen lines
 * and needs no store; several instances each slow an attacker down on their own).
 */
const FREE_FAILURES = 3;
const FREE_FAILURES_PER_ADDRESS = 20;
const MAX_WAIT_S = 300;
const FORGET_AFTER_MS = 15 * 60_000;

interface Failures {
  count: number;
  until: number;
  last: number;
}

export class SignInThrottle {
  private readonly failures = new Map<string, Failures>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Seconds to wait before this name may be tried from this address again (0: now). */
  waitSeconds(name: string, client: string): number {
    const now = this.now();
    const until = Math.max(this.entry(`n:${name.toLowerCase()}|${client}`, now)?.until ?? 0, this.entry(`a:${client}`, now)?.until ?? 0);
    return until > now ? Math.ceil((until - now) / 1000) : 0;
  }

  failed(name: string, client: string): void {
    this.count(`n:${name.toLowerCase()}|${client}`, FREE_FAILURES);
    this.count(`a:${client}`, FREE_FAILURES_PER_ADDRESS);
  }

  succeeded(name: string, client: string): void {
    this.failures.delete(`n:${name.toLowerCase()}|${client}`);
  }

  private entry(key: string, now: number): Failures | undefined {
    const entry = this.failures.get(key);
    if (entry && now - entry.last > FORGET_AFTER_MS) {
      this.failures.delete(key);
      return undefined;
    }
    return entry;
  }

  private count(key: string, free: number) {
    const now = this.now();
    const entry = this.entry(key, now) ?? { count: 0, until: 0, last: now };
    entry.count += 1;
    entry.last = now;
    if (entry.count >= free) entry.until = now + Math.min(MAX_WAIT_S, 2 ** (entry.count - free)) * 1000;
    this.failures.set(key, entry);
    if (this.failures.size > 100_000) this.failures.delete(this.failures.keys().next().value!);
  }
}
