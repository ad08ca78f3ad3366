import { describe, expect, it } from 'vitest';
import { layeredLayout, type LayoutNode } from './layeredLayout.ts';

const node = (id: string, x: number, isEntry = false): LayoutNode => ({ id, isEntry, width: 190, height: 100, position: { x, y: 0 } });

describe('layeredLayout', () => {
  it('When a flow is laid out, then entries are on the top row and each step sits below the one leading to it', () => {
    const at = layeredLayout(
      [node('start', 0, true), node('trigger', 500, true), node('ai', 0), node('say', 0), node('tell', 500)],
      [
        { source: 'start', target: 'ai' },
        { source: 'ai', target: 'say' },
        { source: 'say', target: 'ai' },
        { source: 'trigger', target: 'tell' },
      ],
    );
    expect(at.get('start')!.y).toBe(at.get('trigger')!.y);
    expect(at.get('ai')!.y).toBeGreaterThan(at.get('start')!.y);
    expect(at.get('say')!.y).toBeGreaterThan(at.get('ai')!.y);
    expect(at.get('tell')!.y).toBe(at.get('ai')!.y);
    // Side by side in the top row, not on top of each other (dagre picks the order that crosses least).
    expect(Math.abs(at.get('start')!.x - at.get('trigger')!.x)).toBeGreaterThanOrEqual(190);
  });

  it('When a node is reached by nothing, then it still gets a place of its own', () => {
    const at = layeredLayout([node('start', 0, true), node('orphan', 100)], []);
    expect(at.size).toBe(2);
    expect(at.get('orphan')).not.toEqual(at.get('start'));
  });
});
