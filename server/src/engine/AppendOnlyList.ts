/**
 * An immutable list that the successive versions of a call's session share: adding an item gives a new list and
 * leaves this one as it was, without copying the items before it (a long call's transcript would otherwise be copied
 * on every turn). The versions keep their items in one array; each knows where its own items start and end. Adding to
 * the newest version appends to that array in place; adding to an older one (a what-if replay from an earlier
 * session) copies its items first, so no version ever sees another's additions.
 */
export class AppendOnlyList<T> implements Iterable<T> {
  // Declared, not defined as class fields: set once in the constructor, as a list is made on every addition.
  private declare readonly items: T[];
  private declare readonly start: number;
  declare readonly length: number;

  private constructor(items: T[], start: number, length: number) {
    this.items = items;
    this.start = start;
    this.length = length;
  }

  static of<T>(items: readonly T[] = []): AppendOnlyList<T> {
    return new AppendOnlyList(items.slice(), 0, items.length);
  }

  /** This list with `item` added at the end; with `keep` (above 0), only the last `keep` items stay. */
  with(item: T, keep = 0): AppendOnlyList<T> {
    const end = this.start + this.length;
    // Whole numbers only (no Infinity, no Math.min): lengths then stay small integers, not boxed numbers.
    const length = keep > 0 && this.length >= keep ? keep : this.length + 1;
    if (end === this.items.length) {
      this.items.push(item);
      const start = end + 1 - length;
      // A bounded list drops its shared array now and then, so a long call does not keep every item it let go.
      if (start > 64 && start > 2 * length) return new AppendOnlyList(this.items.slice(start), 0, length);
      return new AppendOnlyList(this.items, start, length);
    }
    const items = this.items.slice(end + 1 - length, end);
    items.push(item);
    return new AppendOnlyList(items, 0, length);
  }

  /** The item at `index`; negative indexes count from the end, as with Array.prototype.at. */
  at(index: number): T | undefined {
    const i = index < 0 ? this.length + index : index;
    return i >= 0 && i < this.length ? this.items[this.start + i] : undefined;
  }

  /** Items `start` to `end` as a new array, as Array.prototype.slice does (negative indexes count from the end). */
  slice(start = 0, end = this.length): T[] {
    const from = start < 0 ? Math.max(0, this.length + start) : Math.min(start, this.length);
    const to = end < 0 ? Math.max(0, this.length + end) : Math.min(end, this.length);
    return from < to ? this.items.slice(this.start + from, this.start + to) : [];
  }

  toArray(): T[] {
    return this.items.slice(this.start, this.start + this.length);
  }

  /** JSON (the API, the call log) sees a plain array. */
  toJSON(): T[] {
    return this.toArray();
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let i = this.start; i < this.start + this.length; i++) yield this.items[i];
  }
}

