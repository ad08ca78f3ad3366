import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { z } from 'zod';
import type { conditionSchema } from '@baton/shared';
import type { EditorNode } from '../store/types.ts';
import { NodeFrame } from './NodeFrame.tsx';

/** Lists its conditions in order. */
export const BranchNode = memo(function BranchNode({ id, data, selected }: NodeProps<EditorNode>) {
  const conditions = (data.conditions ?? []) as z.output<typeof conditionSchema>[];
  return (
    <NodeFrame id={id} kind="branch" data={data} selected={selected}>
      {conditions.length > 0 ? (
        <ul className="flow-node__lines">
          {conditions.map((c) => (
            <li key={c.id}>If {c.label || c.rule}</li>
          ))}
        </ul>
      ) : (
        <p className="flow-node__empty">No conditions: always “else”</p>
      )}
    </NodeFrame>
  );
});
