/** Recent handle times per queue, the rolling mean that estimated waits are built on. */
export class HandleTimes {
  private readonly recent = new Map<string, number[]>();

  /** @param window how many recent calls per queue the mean covers; @param defaultSeconds the mean before any call finished */
  constructor(readonly window = 50, readonly defaultSeconds = 300) {}

  snapshot(): Array<[string, number[]]> {
    return [...this.recent].map(([queueId, list]) => [queueId, [...list]]);
  }

  static fromSnapshot(recent: Array<[string, number[]]>, window?: number, defaultSeconds?: number): HandleTimes {
    const times = new HandleTimes(window, defaultSeconds);
    for (const [queueId, list] of recent) times.recent.set(queueId, [...list]);
    return times;
  }

  record(queueId: string, seconds: number) {
    const list = this.recent.get(queueId) ?? [];
    list.push(seconds);
    if (list.length > this.window) list.shift();
    this.recent.set(queueId, list);
  }

  /** Mean of the last `window` handle times of the queue, or the default when it has none. */
  averageSeconds(queueId: string): number {
    const list = this.recent.get(queueId);
    if (!list || list.length === 0) return this.defaultSeconds;
    return list.reduce((a, b) => a + b, 0) / list.length;
  }
}
