import { useEffect, useState } from 'react';
import { Button, Fieldset, Group, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import type { QueueSettings } from '@baton/shared';
import { fetchQueues } from '../../settings/staffingApi.ts';
import { nodeLabel } from '../../nodeLabel.ts';
import { useEditorStore } from '../store/editorStore.ts';
import type { QueueDraft } from './settingsDraft.ts';

/** Used before live figures exist, as the flow schema's default. */
const DEFAULT_WAIT_SECONDS = 120;

interface QueuesSectionProps {
  queues: QueueDraft[];
  errors: Map<string, string>;
  onChange(queues: QueueDraft[]): void;
}

/** Why a queue cannot leave the flow: the steps that transfer calls to it, or null when none do. */
function stepsUsing(queueId: string): string | null {
  const users = useEditorStore.getState().nodes.filter((n) => n.type === 'transfer' && n.data.queue === queueId);
  if (!users.length) return null;
  const names = users.map((n) => `“${nodeLabel(n)}”`).join(', ');
  return `${users.length === 1 ? 'The step' : 'The steps'} ${names} ${users.length === 1 ? 'sends' : 'send'} calls to this queue. Choose another queue there first.`;
}

/** The queues this flow hands calls to: the name callers hear and the wait they are told before live figures exist. */
export function QueuesSection({ queues, errors, onChange }: QueuesSectionProps) {
  const [configured, setConfigured] = useState<QueueSettings[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [refused, setRefused] = useState<{ id: string; message: string } | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetchQueues(controller.signal).then(setConfigured, (e: unknown) => {
      if (!controller.signal.aborted) setLoadError(e instanceof Error ? e.message : String(e));
    });
    return () => controller.abort();
  }, []);

  const update = (index: number, change: Partial<QueueDraft>) => onChange(queues.map((q, i) => (i === index ? { ...q, ...change } : q)));
  const remove = (id: string) => {
    const reason = stepsUsing(id);
    setRefused(reason ? { id, message: reason } : null);
    if (!reason) onChange(queues.filter((q) => q.id !== id));
  };
  const add = (id: string | null) => {
    const queue = configured?.find((q) => q.id === id);
    if (queue) onChange([...queues, { id: queue.id, name: queue.name, typicalWaitSeconds: DEFAULT_WAIT_SECONDS }]);
  };
  const addable = (configured ?? []).filter((q) => !queues.some((mine) => mine.id === q.id));

  return (
    <Fieldset legend="Queues this flow hands calls to">
      <Stack gap="md">
        {queues.length === 0 && <Text size="sm">This flow hands no calls to a queue yet.</Text>}
        {queues.map((queue, index) => (
          <div key={queue.id} className="flow-settings__queue" data-queue={queue.id}>
            <Group align="flex-start" wrap="nowrap" gap="sm">
              <TextInput
                style={{ flex: 1 }}
                label="Name callers hear"
                description={`Queue “${queue.id}” in Settings → Queues`}
                value={queue.name}
                error={errors.get(`queues.${index}.name`)}
                onChange={(e) => update(index, { name: e.currentTarget.value })}
              />
              <NumberInput
                w="11rem"
                label="Typical wait (seconds)"
                description="Until live figures exist"
                min={0}
                max={86_400}
                allowDecimal={false}
                value={queue.typicalWaitSeconds}
                error={errors.get(`queues.${index}.typicalWaitSeconds`)}
                onChange={(v) => update(index, { typicalWaitSeconds: typeof v === 'number' ? v : '' })}
              />
              <Button variant="subtle" color="red" mt={44} onClick={() => remove(queue.id)} aria-label={`Remove the queue ${queue.name || queue.id}`}>
                Remove
              </Button>
            </Group>
            {refused?.id === queue.id && (
              <Text size="sm" c="red" mt={4} role="alert">
                {refused.message}
              </Text>
            )}
          </div>
        ))}
        {errors.get('queues') && (
          <Text size="sm" c="red">
            {errors.get('queues')}
          </Text>
        )}
        {loadError ? (
          <Text size="sm" c="red">
            Could not load the queues from Settings → Queues: {loadError}
          </Text>
        ) : (
          <Select
            label="Add a queue"
            placeholder={configured === null ? 'Loading the queues…' : addable.length ? 'Choose a queue from Settings → Queues' : 'Every queue in Settings → Queues is already here'}
            data={addable.map((q) => ({ value: q.id, label: `${q.name} (${q.id})` }))}
            value={null}
            onChange={add}
            disabled={!addable.length}
            searchable
          />
        )}
      </Stack>
    </Fieldset>
  );
}
