import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { blankFlow, type FlowSummary } from '@baton/shared';
import { createFlowWithFreeId } from '../api/createFlowWithFreeId.ts';
import { fetchFlow } from '../api/fetchFlow.ts';
import { flowPath } from '../matchRoute.ts';
import { fetchQueues } from '../settings/staffingApi.ts';

const BLANK = '';

/** Creates a flow, blank or as a copy of an existing one, and opens it in the editor. */
export function NewFlowButton({ flows }: { flows: FlowSummary[] }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [from, setFrom] = useState(BLANK);
  const [error, setError] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  async function create(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setError('Give the flow a name.');
    setWorking(true);
    setError(null);
    try {
      // A blank flow hands calls to a queue that exists: the first in Settings → Queues.
      const source = from === BLANK ? blankFlow(name.trim(), await fetchQueues()) : { ...(await fetchFlow(from)), name: name.trim() };
      const created = await createFlowWithFreeId(source);
      window.location.assign(flowPath(created.id));
    } catch (e) {
      setError(`Could not create the flow: ${e instanceof Error ? e.message : String(e)}.`);
      setWorking(false);
    }
  }

  return (
    <>
      <Button onClick={() => setOpen(true)}>New flow</Button>
      <Modal opened={open} onClose={() => setOpen(false)} title="Create a flow" centered>
        <form onSubmit={create}>
          <Stack>
            <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={error} data-autofocus />
            <Select
              label="Start from"
              data={[{ value: BLANK, label: 'A blank flow' }, ...flows.map((f) => ({ value: f.id, label: `A copy of "${f.name}"` }))]}
              value={from}
              onChange={(value) => setFrom(value ?? BLANK)}
              allowDeselect={false}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)} disabled={working}>
                Cancel
              </Button>
              <Button type="submit" loading={working}>
                Create and open
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
