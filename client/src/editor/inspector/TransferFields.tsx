import { Select, TagsInput, Text } from '@mantine/core';
import type { QueueConfig } from '@baton/shared';
import { MessageField } from './MessageField.tsx';
import { NumberField } from './NumberField.tsx';
import { textOf, type KindFieldsProps } from './KindFieldsProps.ts';

/** The queue that takes the call, the skills it needs, its place in line, and what the caller hears while waiting and when a person answers. */
export function TransferFields({ data, errors, set, queues }: KindFieldsProps & { queues: QueueConfig[] }) {
  const queue = textOf(data.queue);
  return (
    <>
      <Select
        data-field="queue"
        label="Queue that takes the call"
        placeholder={queues.length ? 'Choose a queue' : 'This flow has no queues yet'}
        data={queues.map((q) => ({ value: q.id, label: q.name }))}
        value={queue || null}
        error={errors.get('queue') ?? (queues.some((q) => q.id === queue) ? undefined : 'Choose one of the flow’s queues.')}
        onChange={(value) => set('queue', value ?? '')}
        allowDeselect={false}
      />
      <TagsInput
        label="Skills the agent needs"
        description="Press Enter after each skill"
        value={Array.isArray(data.skills) ? (data.skills as string[]) : []}
        error={errors.get('skills')}
        onChange={(skills) => set('skills', skills)}
      />
      <NumberField label="Priority in the queue" description="0 is normal, 10 is first in line" min={0} max={10} value={data.priority} error={errors.get('priority')} onChange={(v) => set('priority', v)} />
      <Text size="sm" fw={600} mt="xs">
        While the caller waits
      </Text>
      <NumberField
        label="Tell them their place in line every (seconds)"
        description="0 means never"
        min={0}
        max={600}
        value={data.updateEverySeconds}
        error={errors.get('updateEverySeconds')}
        onChange={(v) => set('updateEverySeconds', v)}
      />
      {Number(data.updateEverySeconds) > 0 && <MessageField field="waitingText" label="What they hear each time" value={data.waitingText} error={errors.get('waitingText')} onChange={(v) => set('waitingText', v)} />}
      <MessageField
        field="callbackOfferText"
        label="Call-back offer, once the wait is longer than the queue allows"
        value={data.callbackOfferText}
        error={errors.get('callbackOfferText')}
        onChange={(v) => set('callbackOfferText', v)}
      />
      <Text size="xs" c="dimmed">
        A caller who presses 1 or asks to be called back leaves the queue and takes the “no agent” path, where the flow can ask for their number.
      </Text>
      <MessageField field="connectedText" label="When a person answers, the caller hears" value={data.connectedText} error={errors.get('connectedText')} onChange={(v) => set('connectedText', v)} />
    </>
  );
}
