import type { ComponentType } from 'react';
import type { NodeKind } from '@baton/shared';
import { AiFields } from './AiFields.tsx';
import { AskFields } from './AskFields.tsx';
import { BranchFields } from './BranchFields.tsx';
import { EndFields } from './EndFields.tsx';
import type { KindFieldsProps } from './KindFieldsProps.ts';
import { messageFields } from './MessageFields.tsx';
import { SurveyFields } from './SurveyFields.tsx';
import { TransferFields } from './TransferFields.tsx';
import { TransparencyFields } from './TransparencyFields.tsx';
import { TriggerFields } from './TriggerFields.tsx';

/** The inspector's face of every node kind: its part of the form under the name. A kind without one is a type error. */
export const kindFields = {
  start: messageFields([{ field: 'greeting', label: 'Greeting' }]),
  say: messageFields([{ field: 'text', label: 'What to say' }]),
  ask: AskFields,
  ai: AiFields,
  branch: BranchFields,
  trigger: TriggerFields,
  transparency: TransparencyFields,
  transfer: TransferFields,
  survey: SurveyFields,
  end: EndFields,
} satisfies Record<NodeKind, ComponentType<KindFieldsProps>>;
