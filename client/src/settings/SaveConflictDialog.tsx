import { useState } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';

interface SaveConflictDialogProps {
  /** "queue", "agent", "webhook", "simulated caller", "phone number". */
  what: string;
  open: boolean;
  close(): void;
  /** Shows the version someone else saved, dropping the changes made here. */
  loadTheirVersion(): Promise<void>;
  /** Saves the changes made here over the version someone else saved. */
  keepMine(): Promise<void>;
}

/** Someone else saved first: the person chooses whose version stays; nothing is overwritten unasked. */
export function SaveConflictDialog({ what, open, close, loadTheirVersion, keepMine }: SaveConflictDialogProps) {
  const [working, setWorking] = useState<'load' | 'keep' | null>(null);
  const run = async (choice: 'load' | 'keep', action: () => Promise<void>) => {
    setWorking(choice);
    try {
      await action();
    } finally {
      setWorking(null);
    }
  };
  return (
    <Modal opened={open} onClose={close} title={`Someone else changed this ${what} since you opened it`} size="lg" centered>
      <Stack>
        <Text>Your changes are not saved yet, and nothing has been overwritten.</Text>
        <Text>Load their version to see what they saved (your changes here are dropped), or keep yours and save it over theirs.</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close} disabled={working !== null}>
            Decide later
          </Button>
          <Button variant="light" onClick={() => void run('load', loadTheirVersion)} loading={working === 'load'} disabled={working === 'keep'}>
            Load their version
          </Button>
          <Button onClick={() => void run('keep', keepMine)} loading={working === 'keep'} disabled={working === 'load'}>
            Keep mine and overwrite
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
