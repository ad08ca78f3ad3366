import type { ComponentType } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { NodeKind } from '@baton/shared';
import type { EditorNode } from '../store/types.ts';
import { AiNode } from '../nodes/AiNode.tsx';
import { AskNode } from '../nodes/AskNode.tsx';
import { BranchNode } from '../nodes/BranchNode.tsx';
import { EndNode } from '../nodes/EndNode.tsx';
import { SayNode } from '../nodes/SayNode.tsx';
import { StartNode } from '../nodes/StartNode.tsx';
import { SurveyNode } from '../nodes/SurveyNode.tsx';
import { TransferNode } from '../nodes/TransferNode.tsx';
import { TransparencyNode } from '../nodes/TransparencyNode.tsx';
import { TriggerNode } from '../nodes/TriggerNode.tsx';

/** The canvas's face of every node kind; a kind without one is a type error. At module scope so React Flow never remounts nodes. */
export const nodeTypes = {
  start: StartNode,
  say: SayNode,
  ask: AskNode,
  ai: AiNode,
  branch: BranchNode,
  trigger: TriggerNode,
  transparency: TransparencyNode,
  transfer: TransferNode,
  survey: SurveyNode,
  end: EndNode,
} satisfies Record<NodeKind, ComponentType<NodeProps<EditorNode>>>;
