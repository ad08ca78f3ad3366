import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { Quote } from './Quote.tsx';
import type { EditorNode } from '../store/types.ts';
import { NodeFrame } from './NodeFrame.tsx';

/** Asks the caller to rate the call from 1 to 5. */
export const SurveyNode = memo(function SurveyNode({ id, data, selected }: NodeProps<EditorNode>) {
  return (
    <NodeFrame id={id} kind="survey" data={data} selected={selected}>
      <Quote text={data.question} empty="No question yet" />
      <p className="flow-node__meta">Keeps a score from 1 to 5</p>
    </NodeFrame>
  );
});
