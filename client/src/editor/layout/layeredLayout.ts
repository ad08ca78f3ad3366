import type { XYPosition } from '@xyflow/react';

export interface LayoutNode {
  id: string;
  /** Entry points (the start, triggers) go in the top row. */
  isEntry: boolean;
  width: number;
  height: number;
  /** Where it is now; keeps the left-to-right order people already know. */
  position: XYPosition;
}

const GAP_X = 60;
const GAP_Y = 70;

/**
 * Places nodes in rows by how many steps they are from an entry point (the start or a trigger), each row
 * centred and ordered by its parents, so connections mostly run downwards. Pure: returns new positions.
 */
export function layeredLayout(nodes: LayoutNode[], edges: { source: string; target: string }[]): Map<string, XYPosition> {
  const children = new Map<string, string[]>();
  for (const e of edges) children.set(e.source, [...(children.get(e.source) ?? []), e.target]);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const row = new Map<string, number>();
  const byX = (a: LayoutNode, b: LayoutNode) => a.position.x - b.position.x || a.position.y - b.position.y;

  // Breadth-first from every entry at once; nodes nothing reaches start rows of their own afterwards.
  const queue = nodes.filter((n) => n.isEntry).sort(byX).map((n) => n.id);
  for (const id of queue) row.set(id, 0);
  const visit = () => {
    while (queue.length) {
      const id = queue.shift()!;
      for (const child of children.get(id) ?? []) {
        if (row.has(child) || !byId.has(child)) continue;
        row.set(child, row.get(id)! + 1);
        queue.push(child);
      }
    }
  };
  visit();
  for (const n of [...nodes].sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x)) {
    if (row.has(n.id)) continue;
    row.set(n.id, 0);
    queue.push(n.id);
    visit();
  }

  const rows: LayoutNode[][] = [];
  for (const n of nodes) (rows[row.get(n.id)!] ??= []).push(n);
  const placed = new Map<string, XYPosition>();
  const parentsOf = (id: string) => edges.filter((e) => e.target === id && placed.has(e.source)).map((e) => placed.get(e.source)!.x);
  let y = 0;
  for (const members of rows) {
    if (!members) continue;
    // Order by where the parents are (so lines cross less), then by the current left-to-right order.
    const key = (n: LayoutNode) => {
      const xs = parentsOf(n.id);
      return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : n.position.x;
    };
    members.sort((a, b) => key(a) - key(b) || byX(a, b));
    const width = members.reduce((sum, n) => sum + n.width, 0) + GAP_X * (members.length - 1);
    let x = -width / 2;
    for (const n of members) {
      placed.set(n.id, { x, y });
      x += n.width + GAP_X;
    }
    y += Math.max(...members.map((n) => n.height)) + GAP_Y;
  }
  return placed;
}
