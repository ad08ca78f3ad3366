import { Select, TagsInput, Text, TextInput } from '@mantine/core';
import { FlagField } from './FlagField.tsx';
import { MessageField } from './MessageField.tsx';
import { NumberField } from './NumberField.tsx';
import { textOf, type KindFieldsProps } from './KindFieldsProps.ts';

const targetNames: Record<string, string> = {
  baton: 'Agents on Baton’s agent desk',
  sip: 'Your phone system (a SIP address)',
  number: 'A phone number',
  taskrouter: 'Twilio Flex (a TaskRouter workflow)',
};

/** The one detail each outside destination needs. */
const targetFields: Record<string, { key: string; label: string; description: string }> = {
  sip: { key: 'uri', label: 'SIP address', description: 'e.g. sip:billing@pbx.example.com. The briefing’s id and the reason go with the call.' },
  number: { key: 'number', label: 'Phone number', description: 'In international form, e.g. +442071234567.' },
  taskrouter: { key: 'workflowSid', label: 'Workflow id', description: 'Starts with WW. The whole briefing goes with the task.' },
};

/** The queue that takes the call, the skills it needs, its place in line, and what the caller hears while waiting and when a person answers. */
export function TransferFields({ data, errors, set, queues }: KindFieldsProps) {
  const queue = textOf(data.queue);
  const target = (data.target as { type?: string } | undefined) ?? { type: 'baton' };
  const outside = target.type !== undefined && target.type !== 'baton';
  return (
    <>
      <Select
        data-field="target"
        label="Who takes the call"
        data={Object.entries(targetNames).map(([value, label]) => ({ value, label }))}
        value={target.type ?? 'baton'}
        onChange={(type) => type && set('target', type === 'baton' ? { type } : { type, [targetFields[type].key]: '' })}
        allowDeselect={false}
      />
      {outside && target.type && (
        <TextInput
          data-field={`target.${targetFields[target.type].key}`}
          label={targetFields[target.type].label}
          description={targetFields[target.type].description}
          value={textOf((target as Record<string, unknown>)[targetFields[target.type].key])}
          error={errors.get('target') ?? errors.get(`target.${targetFields[target.type].key}`)}
          onChange={(e) => set('target', { type: target.type, [targetFields[target.type!].key]: e.currentTarget.value.trim() })}
        />
      )}
      <Select
        data-field="queue"
        label={outside ? 'Queue (for reports and the webhook)' : 'Queue that takes the call'}
        placeholder={queues.length ? 'Choose a queue' : 'This flow has no queues yet'}
        data={queues.map((q) => ({ value: q.id, label: q.name }))}
        value={queue || null}
        error={errors.get('queue') ?? (queues.some((q) => q.id === queue) ? undefined : 'Choose one of the flow’s queues.')}
        onChange={(value) => set('queue', value ?? '')}
        allowDeselect={false}
      />
      {(target.type === 'number' || target.type === 'sip') && (
        <FlagField
          field="warm"
          label="Tell the person who answers why first"
          description="They hear the reason and the summary, and press 1 to take the call or hang up to refuse it (the call then takes the “no agent” path)."
          value={data.warm}
          set={set}
        />
      )}
      {outside ? (
        <Text size="xs" c="dimmed">
          The call is dialled there with the briefing. If nobody answers or the line is busy, the call takes the “no agent” path; if the call cannot be placed, “failed”.
        </Text>
      ) : (
        <BatonQueueFields data={data} errors={errors} set={set} />
      )}
    </>
  );
}

/** What only Baton's own queues use: skills, priority, and what the caller hears while waiting and when an agent answers. */
function BatonQueueFields({ data, errors, set }: Pick<KindFieldsProps, 'data' | 'errors' | 'set'>) {
  return (
    <>
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
