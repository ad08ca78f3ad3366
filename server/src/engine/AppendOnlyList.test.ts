import { describe, expect, it } from 'vitest';
import { AppendOnlyList } from './AppendOnlyList.ts';

describe('AppendOnlyList', () => {
  it('When an item is added, then the new list has it and the old list is as it was', () => {
    const a = AppendOnlyList.of([1, 2]);
    const b = a.with(3);
    expect(a.toArray()).toEqual([1, 2]);
    expect(b.toArray()).toEqual([1, 2, 3]);
    expect(JSON.stringify({ b })).toBe('{"b":[1,2,3]}');
  });

  it('When two lists are made from the same older one, then neither sees the other\'s item', () => {
    const base = AppendOnlyList.of(['start']).with('ask');
    const left = base.with('left');
    const right = base.with('right');
    expect(left.toArray()).toEqual(['start', 'ask', 'left']);
    expect(right.toArray()).toEqual(['start', 'ask', 'right']);
    expect(left.with('more').toArray()).toEqual(['start', 'ask', 'left', 'more']);
    expect(right.with('other').toArray()).toEqual(['start', 'ask', 'right', 'other']);
    expect(base.toArray()).toEqual(['start', 'ask']);
  });

  it('When a list keeps only its last items, then the oldest go first and earlier versions keep theirs', () => {
    let list = AppendOnlyList.of<number>();
    const versions: AppendOnlyList<number>[] = [];
    for (let i = 1; i <= 500; i++) versions.push((list = list.with(i, 3)));
    expect(list.toArray()).toEqual([498, 499, 500]);
    expect(versions[1].toArray()).toEqual([1, 2]);
    expect(versions[200].toArray()).toEqual([199, 200, 201]);
    expect(versions[200].with(7, 3).toArray()).toEqual([200, 201, 7]);
  });

  it('When read by index, slice or iteration, then it reads like an array', () => {
    const list = AppendOnlyList.of([0, 1, 2]).with(3).with(4, 4);
    const array = [1, 2, 3, 4];
    expect([...list]).toEqual(array);
    expect(list.length).toBe(4);
    for (const i of [0, 3, 4, -1, -4, -5]) expect(list.at(i)).toBe(array.at(i));
    for (const [from, to] of [[0, 4], [1, 3], [-2, undefined], [3, 1], [-9, 2], [2, 99]] as const) expect(list.slice(from, to)).toEqual(array.slice(from, to));
  });
});
