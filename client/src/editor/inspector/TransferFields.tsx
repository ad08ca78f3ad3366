import { Select, TagsInput } from '@mantine/core';
import type { QueueConfig } from '@baton/shared';
import { NumberField } from './NumberField.tsx';
import { textOf, type KindFieldsProps } from './KindFieldsProps.ts';

/** The queue that takes the call, the skills it needs and its place in line. */
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
    </>
  );
}
