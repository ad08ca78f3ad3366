/**
 * A binary heap of agents for one skill set, best first. Hand-written because it must revalidate entries lazily
 * (an agent's load changes while other skill sets' heaps still hold them), which no heap library does for us.
 */
export interface HeapEntry<A> {
  agent: A;
  /** The agent's load when the entry was pushed; a different load now means the entry's place is stale. */
  load: number;
}

export class AgentHeap<A> {
  private items: Array<HeapEntry<A>> = [];

  constructor(private readonly before: (a: HeapEntry<A>, b: HeapEntry<A>) => boolean) {}

  get size() {
    return this.items.length;
  }

  push(entry: HeapEntry<A>) {
    const items = this.items;
    items.push(entry);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(items[i], items[parent])) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  pop(): HeapEntry<A> | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const [l, r] = [2 * i + 1, 2 * i + 2];
        let best = i;
        if (l < items.length && this.before(items[l], items[best])) best = l;
        if (r < items.length && this.before(items[r], items[best])) best = r;
        if (best === i) break;
        [items[i], items[best]] = [items[best], items[i]];
        i = best;
      }
    }
    return top;
  }
}
