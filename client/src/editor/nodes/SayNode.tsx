import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { Quote } from './Quote.tsx';
import type { EditorNode } from '../store/types.ts';
import { NodeFrame } from './NodeFrame.tsx';

/** Says its text. */
export const SayNode = memo(function SayNode({ id, data, selected }: NodeProps<EditorNode>) {
  return (
    <NodeFrame id={id} kind="say" data={data} selected={selected}>
      <Quote text={data.text} empty="Nothing to say yet" />
    </NodeFrame>
  );
});
