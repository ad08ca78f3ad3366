import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { Quote } from './Quote.tsx';
import type { EditorNode } from '../store/types.ts';
import { NodeFrame } from './NodeFrame.tsx';

/** Asks its question and names the value it keeps. */
export const AskNode = memo(function AskNode({ id, data, selected }: NodeProps<EditorNode>) {
  return (
    <NodeFrame id={id} kind="ask" data={data} selected={selected}>
      <Quote text={data.question} empty="No question yet" />
      {typeof data.slot === 'string' && data.slot && <p className="flow-node__meta">Keeps the answer as {data.slot}</p>}
    </NodeFrame>
  );
});
