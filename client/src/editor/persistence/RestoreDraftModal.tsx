import { Button, Group, Modal, Stack, Text } from '@mantine/core';

interface RestoreDraftModalProps {
  open: boolean;
  restore(): void;
  discard(): void;
}

/** Offers the changes from an earlier visit that were never saved. */
export function RestoreDraftModal({ open, restore, discard }: RestoreDraftModalProps) {
  return (
    <Modal opened={open} onClose={discard} title="Restore unsaved changes?" centered withCloseButton={false} closeOnClickOutside={false}>
      <Stack>
        <Text>Last time you edited this flow in this browser, some changes were not saved. Restore them?</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={discard}>
            Discard them
          </Button>
          <Button onClick={restore}>Restore my changes</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
