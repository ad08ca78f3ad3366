import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { Quote } from './Quote.tsx';
import type { EditorNode } from '../store/types.ts';
import { NodeFrame } from './NodeFrame.tsx';

/** Tells the caller why they are handed over. */
export const TransparencyNode = memo(function TransparencyNode({ id, data, selected }: NodeProps<EditorNode>) {
  return (
    <NodeFrame id={id} kind="transparency" data={data} selected={selected}>
      <Quote text={data.text} empty="No message yet" />
    </NodeFrame>
  );
});
