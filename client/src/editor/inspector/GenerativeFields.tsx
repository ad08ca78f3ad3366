import { Switch, TagsInput, Textarea } from '@mantine/core';
import type { GenerativeSettings } from '@baton/shared';
import type { KindFieldsProps } from './KindFieldsProps.ts';

const OFF: GenerativeSettings = { enabled: false, instructions: '', knowledge: '', neverHandle: [] };
const MAX_KNOWLEDGE = 8000;

/** An AI step answering in its own words through the server's language model; its intents still route the call. */
export function GenerativeFields({ data, errors, set }: KindFieldsProps) {
  const g: GenerativeSettings = { ...OFF, ...(data.generative as Partial<GenerativeSettings> | undefined) };
  const change = (part: Partial<GenerativeSettings>) => set('generative', { ...g, ...part });
  return (
    <>
      <Switch
        data-field="generative.enabled"
        label="Answer in its own words (needs a language model)"
        description="Without one on the server, or when it is slow, the step answers from its example phrases as usual."
        checked={g.enabled}
        onChange={(event) => change({ enabled: event.currentTarget.checked })}
      />
      {g.enabled && (
        <>
          <Textarea
            data-field="generative.instructions"
            label="What it should do"
            placeholder="Answer questions about bills in one or two short sentences."
            value={g.instructions}
            error={errors.get('generative.instructions')}
            autosize
            minRows={2}
            maxRows={6}
            onChange={(event) => change({ instructions: event.currentTarget.value })}
          />
          <Textarea
            data-field="generative.knowledge"
            label="What it knows"
            description={`Facts it may answer from (${g.knowledge.length.toLocaleString()} of ${MAX_KNOWLEDGE.toLocaleString()} characters)`}
            value={g.knowledge}
            error={errors.get('generative.knowledge')}
            autosize
            minRows={3}
            maxRows={10}
            onChange={(event) => change({ knowledge: event.currentTarget.value })}
          />
          <TagsInput
            data-field="generative.neverHandle"
            label="Topics it must never handle — the caller goes to a person"
            description="Press Enter after each topic"
            value={g.neverHandle}
            error={errors.get('generative.neverHandle')}
            onChange={(neverHandle) => change({ neverHandle })}
          />
        </>
      )}
    </>
  );
}
