import type { CSSProperties } from 'react';
import type { NodeKind } from '@baton/shared';

/** The look of one node kind: a small symbol beside its name (decoration only) and its colour, strong and soft. */
export interface KindStyle {
  icon: string;
  colour: string;
  soft: string;
}

/** The style's face of every node kind, in the palette and on the canvas; a kind without one is a type error. */
export const kindStyles = {
  start: { icon: '▶', colour: '#0f7a4a', soft: '#e6f5ed' },
  say: { icon: '❝', colour: '#3d5a80', soft: '#eaf0f7' },
  ask: { icon: '?', colour: '#0b7285', soft: '#e3f4f7' },
  ai: { icon: '✦', colour: '#2f4bd8', soft: '#eef1fd' },
  branch: { icon: '◇', colour: '#7048e8', soft: '#f1ecfe' },
  trigger: { icon: '⚑', colour: '#b35c00', soft: '#fff3e0' },
  transparency: { icon: 'i', colour: '#1c7ed6', soft: '#e7f2fd' },
  transfer: { icon: '➜', colour: '#c2255c', soft: '#fdeef4' },
  survey: { icon: '★', colour: '#8f6a00', soft: '#fdf6e0' },
  end: { icon: '■', colour: '#495057', soft: '#f1f3f5' },
} satisfies Record<NodeKind, KindStyle>;

/** The CSS variables the palette and the canvas colour a kind's elements with (--kind, --kind-soft). */
export const kindColours = (kind: NodeKind): CSSProperties => ({ '--kind': kindStyles[kind].colour, '--kind-soft': kindStyles[kind].soft }) as CSSProperties;
