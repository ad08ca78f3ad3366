import { xoroshiro128plus, unsafeUniformIntDistribution, type RandomGenerator } from 'pure-rand';

/** Separate streams for one call, so drawing more words in one version does not shift its queue times in the other. */
export const STREAM = { caller: 0x5eed0001, queue: 0x5eed0002, arrivals: 0x5eed0003 } as const;

/** murmur3's finaliser: spreads nearby seeds and indexes over the whole 32-bit range. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/**
 * The random draws of one simulated call, from (seed, stream, index) alone: any call can be replayed on
 * its own, on any thread, and gives the same draws.
 */
export class SeededRandom {
  private readonly rng: RandomGenerator;

  constructor(seed: number, stream: number, index: number) {
    this.rng = xoroshiro128plus(mix32(mix32(seed ^ stream) + Math.imul(index + 1, 0x9e3779b1)));
  }

  /** Uniform in [0, 1), with 53 random bits. */
  float(): number {
    const high = (this.rng.unsafeNext() >>> 5) * 67108864;
    return (high + (this.rng.unsafeNext() >>> 6)) / 9007199254740992;
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return unsafeUniformIntDistribution(min, max, this.rng);
  }

  chance(p: number): boolean {
    return p > 0 && this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }

  /** Exponentially distributed with this mean (inter-arrival gaps, handle times, patience). */
  exponential(mean: number): number {
    return -Math.log(1 - this.float()) * mean;
  }
}
