import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useEditorStore } from '../store/editorStore.ts';
import type { EditorNode } from '../store/types.ts';
import { NodeFrame } from './NodeFrame.tsx';

/** Shows the queue that takes the call. */
export const TransferNode = memo(function TransferNode({ id, data, selected }: NodeProps<EditorNode>) {
  const queueName = useEditorStore((s) => s.meta?.settings.queues.find((q) => q.id === data.queue)?.name) ?? String(data.queue ?? '');
  return (
    <NodeFrame id={id} kind="transfer" data={data} selected={selected}>
      <p className="flow-node__meta">Queue: <strong>{queueName}</strong></p>
    </NodeFrame>
  );
});
