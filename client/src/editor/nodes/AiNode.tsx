import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { intentLabel, type IntentDefinition } from '@baton/shared';
import type { EditorNode } from '../store/types.ts';
import { NodeFrame } from './NodeFrame.tsx';

/** Lists the intents the AI recognises. */
export const AiNode = memo(function AiNode({ id, data, selected }: NodeProps<EditorNode>) {
  const names = ((data.intents ?? []) as IntentDefinition[]).map(intentLabel);
  return (
    <NodeFrame id={id} kind="ai" data={data} selected={selected}>
      {names.length > 0 ? (
        <p className="flow-node__meta">Recognises: <span className="flow-node__list">{names.join(', ')}</span></p>
      ) : (
        <p className="flow-node__empty">No intents yet</p>
      )}
    </NodeFrame>
  );
});
