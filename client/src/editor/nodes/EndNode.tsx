import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { Quote } from './Quote.tsx';
import type { EditorNode } from '../store/types.ts';
import { NodeFrame } from './NodeFrame.tsx';

/** Ends the call, with its goodbye. */
export const EndNode = memo(function EndNode({ id, data, selected }: NodeProps<EditorNode>) {
  return (
    <NodeFrame id={id} kind="end" data={data} selected={selected}>
      <Quote text={data.message} empty="Ends without a goodbye" />
    </NodeFrame>
  );
});
