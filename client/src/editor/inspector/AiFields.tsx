import type { IntentDefinition } from '@baton/shared';
import { AiExtraFields } from './AiExtraFields.tsx';
import { GenerativeFields } from './GenerativeFields.tsx';
import { IntentsField } from './IntentsField.tsx';
import type { KindFieldsProps } from './KindFieldsProps.ts';
import { MessageField } from './MessageField.tsx';

/** What the AI says first, what callers want (intents with examples), and its other settings. */
export function AiFields(props: KindFieldsProps) {
  const { data, errors, set } = props;
  return (
    <>
      <MessageField field="prompt" label="What the AI says first" value={data.prompt} error={errors.get('prompt')} onChange={(v) => set('prompt', v)} />
      <IntentsField intents={(data.intents ?? []) as IntentDefinition[]} errors={errors} onChange={(intents) => set('intents', intents)} />
      <MessageField field="noMatchReply" label="When nothing matches (optional)" value={data.noMatchReply} error={errors.get('noMatchReply')} onChange={(v) => set('noMatchReply', v)} />
      <AiExtraFields {...props} />
      <GenerativeFields {...props} />
    </>
  );
}
