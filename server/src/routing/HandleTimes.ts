/** Recent handle times per queue, the rolling mean that estimated waits are built on. */
export class HandleTimes {
  private readonly recent = new Map<string, number[]>();

  /** @param window how many recent calls per queue the mean covers; @param defaultSeconds the mean before any call finished */
  constructor(readonly window = 50, readonly defaultSeconds = 300) {}

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
