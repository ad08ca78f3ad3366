import type { NodeKind } from '@baton/shared';

/** A small symbol per node kind, shown beside its name in the palette and on the canvas (decoration only). */
export const kindIcons = {
  start: '▶',
  say: '❝',
  ask: '?',
  ai: '✦',
  branch: '◇',
  trigger: '⚑',
  transparency: 'i',
  transfer: '➜',
  end: '■',
} satisfies Record<NodeKind, string>;
