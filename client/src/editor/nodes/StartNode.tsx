import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { Quote } from './Quote.tsx';
import type { EditorNode } from '../store/types.ts';
import { NodeFrame } from './NodeFrame.tsx';

/** Where the call begins, with its greeting. */
export const StartNode = memo(function StartNode({ id, data, selected }: NodeProps<EditorNode>) {
  return (
    <NodeFrame id={id} kind="start" data={data} selected={selected}>
      <Quote text={data.greeting} empty="No greeting" />
    </NodeFrame>
  );
});
