import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { Detector } from '@baton/shared';
import { describeDetector } from './describeDetector.ts';
import type { EditorNode } from '../store/types.ts';
import { NodeFrame } from './NodeFrame.tsx';

/** Shows what the trigger watches, in words. */
export const TriggerNode = memo(function TriggerNode({ id, data, selected }: NodeProps<EditorNode>) {
  const detectors = (data.detectors ?? []) as Detector[];
  return (
    <NodeFrame id={id} kind="trigger" data={data} selected={selected}>
      <ul className="flow-node__lines">
        {detectors.map((d, i) => (
          <li key={i}>{describeDetector(d)}</li>
        ))}
        {typeof data.rule === 'string' && data.rule.trim() && <li>When {data.rule}</li>}
      </ul>
    </NodeFrame>
  );
});
