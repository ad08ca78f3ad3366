import { useState } from 'react';
import { Button, Group, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import type { FlowSummary } from '@baton/shared';
import { createFlowWithFreeId } from '../api/createFlowWithFreeId.ts';
import { deleteFlow } from '../api/deleteFlow.ts';
import { fetchFlow } from '../api/fetchFlow.ts';
import { saveFlow } from '../api/saveFlow.ts';
import { downloadFlow } from './downloadFlow.ts';

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
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)} disabled={working}>
              Keep it
            </Button>
            <Button color="red" onClick={() => void remove()} loading={working}>
              Delete the flow
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
