const REPEAT_WITHIN_MS = 7 * 24 * 3_600_000;
const MAX_NUMBERS_REMEMBERED = 100_000;

/** When each caller's number last called, for spotting repeat callers (kept since this server started, newest 100,000). */
export class RepeatCallers {
  private readonly lastCallByNumber = new Map<string, number>();

  /** Notes this call, and says whether the same number called within the last week. */
  isRepeat(phone: string | undefined, now: number): boolean {
    if (!phone) return false;
    const last = this.lastCallByNumber.get(phone);
    // Re-inserted, so the map's oldest entry is the number heard from longest ago.
    this.lastCallByNumber.delete(phone);
    this.lastCallByNumber.set(phone, now);
    if (this.lastCallByNumber.size > MAX_NUMBERS_REMEMBERED) this.lastCallByNumber.delete(this.lastCallByNumber.keys().next().value!);
    return last !== undefined && now - last < REPEAT_WITHIN_MS;
  }
}
