import { useEffect, useState } from 'react';
import { Button, Group, List, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import type { FlowSummary } from '@baton/shared';
import { createFlowWithFreeId } from '../api/createFlowWithFreeId.ts';
import { deleteFlow } from '../api/deleteFlow.ts';
import { fetchFlow } from '../api/fetchFlow.ts';
import { saveFlow } from '../api/saveFlow.ts';
import { downloadFlow } from './downloadFlow.ts';
import { fetchNumbersOf } from './fetchNumbersOf.ts';

interface FlowActionsProps {
  flow: FlowSummary;
  /** Called after the list changed (a copy was made, a flow deleted). */
  onChanged(): void;
  onError(message: string): void;
}

/** Rename, duplicate, export or delete one flow. */
export function FlowActions({ flow, onChanged, onError }: FlowActionsProps) {
  const [confirming, setConfirming] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(flow.name);
  const [working, setWorking] = useState(false);
  // The phone numbers this flow answers, looked up when deletion is asked for: null while looking, or if it failed.
  const [numbers, setNumbers] = useState<string[] | null>(null);
  const [numbersError, setNumbersError] = useState(false);
  useEffect(() => {
    if (!confirming) return;
    const controller = new AbortController();
    setNumbers(null);
    setNumbersError(false);
    fetchNumbersOf(flow.id, controller.signal).then(setNumbers, () => !controller.signal.aborted && setNumbersError(true));
    return () => controller.abort();
  }, [confirming, flow.id]);
  const fail = (what: string) => (error: unknown) => onError(`Could not ${what} "${flow.name}": ${error instanceof Error ? error.message : String(error)}.`);

  async function duplicate() {
    try {
      const source = await fetchFlow(flow.id);
      await createFlowWithFreeId({ ...source, name: `${flow.name} (copy)`.slice(0, 120) });
      onChanged();
    } catch (error) {
      fail('duplicate')(error);
    }
  }

  async function rename() {
    if (!name.trim()) return;
    setWorking(true);
    try {
      // Renaming is a save like any other: on the version just read, so nobody's changes are overwritten.
      const current = await fetchFlow(flow.id);
      await saveFlow({ ...current, name: name.trim() }, current.version);
      setRenaming(false);
      onChanged();
    } catch (error) {
      fail('rename')(error);
    } finally {
      setWorking(false);
    }
  }

  async function remove() {
    setWorking(true);
    try {
      await deleteFlow(flow.id);
      setConfirming(false);
      onChanged();
    } catch (error) {
      fail('delete')(error);
    } finally {
      setWorking(false);
    }
  }

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button size="compact-sm" variant="default" aria-label={`More actions for ${flow.name}`}>
            More
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item
            onClick={() => {
              setName(flow.name);
              setRenaming(true);
            }}
          >
            Rename…
          </Menu.Item>
          <Menu.Item onClick={() => void duplicate()}>Duplicate</Menu.Item>
          <Menu.Item onClick={() => void fetchFlow(flow.id).then(downloadFlow, fail('export'))}>Export as a file</Menu.Item>
          <Menu.Divider />
          <Menu.Item color="red" onClick={() => setConfirming(true)}>
            Delete…
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={renaming} onClose={() => setRenaming(false)} title={`Rename "${flow.name}"`} centered>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void rename();
          }}
        >
          <Stack>
            <TextInput label="New name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={name.trim() ? undefined : 'Give the flow a name.'} data-autofocus />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRenaming(false)} disabled={working}>
                Cancel
              </Button>
              <Button type="submit" loading={working} disabled={!name.trim()}>
                Rename
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={`Delete "${flow.name}"?`} centered>
        <Stack>
          <Text>The flow, its drafts and its published versions are deleted. Calls can no longer use it. This cannot be undone.</Text>
          {numbers && numbers.length > 0 && (
            <div role="alert" className="flow-delete__numbers">
              <Text fw={600} c="red">
                {numbers.length === 1 ? 'This phone number answers with this flow. It will stop working:' : `These ${numbers.length} phone numbers answer with this flow. They will stop working:`}
              </Text>
              <List size="sm">
                {numbers.map((n) => (
                  <List.Item key={n}>{n}</List.Item>
                ))}
              </List>
              <Text size="sm" mt={4}>
                Callers will hear that the line is not set up. To keep them answered, give {numbers.length === 1 ? 'this number' : 'these numbers'} another flow in Phone numbers first.
              </Text>
            </div>
          )}
          {numbersError && <Text size="sm" c="red">Could not check which phone numbers use this flow. Look in Phone numbers before deleting it.</Text>}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)} disabled={working}>
              Keep it
            </Button>
            <Button color="red" onClick={() => void remove()} loading={working || (numbers === null && !numbersError)}>
              {numbers && numbers.length > 0 ? `Delete, and stop ${numbers.length === 1 ? 'the number' : 'the numbers'}` : 'Delete the flow'}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
