import { useState } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';

interface ConflictModalProps {
  open: boolean;
  close(): void;
  loadTheirVersion(): Promise<void>;
  saveMineAsCopy(): Promise<void>;
}

/** Someone else saved first: keep their version or keep mine as a copy; never overwrite either silently. */
export function ConflictModal({ open, close, loadTheirVersion, saveMineAsCopy }: ConflictModalProps) {
  const [confirming, setConfirming] = useState(false);
  const [working, setWorking] = useState(false);
  const run = async (action: () => Promise<void>) => {
    setWorking(true);
    await action();
    setWorking(false);
    setConfirming(false);
  };
  const dismiss = () => {
    setConfirming(false);
    close();
  };
  return (
    <Modal opened={open} onClose={dismiss} title="Someone else saved this flow first" size="lg" centered>
      {confirming ? (
        <Stack>
          <Text>Your unsaved changes will be lost. Load their version anyway?</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)} disabled={working}>
              Go back
            </Button>
            <Button color="red" onClick={() => run(loadTheirVersion)} loading={working}>
              Discard my changes and load theirs
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack>
          <Text>
            While you were editing, someone else saved a newer version of this flow. Your changes are not saved yet, and
            nothing has been overwritten.
          </Text>
          <Text>Choose what to do with your changes:</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={dismiss} disabled={working}>
              Keep editing
            </Button>
            <Button variant="light" onClick={() => setConfirming(true)} disabled={working}>
              Load their version
            </Button>
            <Button onClick={() => run(saveMineAsCopy)} loading={working}>
              Save mine as a copy
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
