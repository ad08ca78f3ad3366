import { useId, useState } from 'react';
import { Button, Group, Popover, Stack, Text, Textarea } from '@mantine/core';

/**
 * An admin's Publish: a note for the history first (optional: what changed and why), then Publish now. The note is
 * shown beside the version in the history and in the audit trail.
 */
export function PublishButton({ busy, disabled, onPublish }: { busy: boolean; disabled: boolean; onPublish(note?: string): void }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const titleId = useId();
  const publish = () => {
    setOpen(false);
    onPublish(note.trim() || undefined);
    setNote('');
  };
  return (
    <Popover opened={open} onChange={setOpen} position="bottom-end" width={340} trapFocus withArrow shadow="md">
      <Popover.Target>
        <Button onClick={() => setOpen((o) => !o)} loading={busy} disabled={disabled} title="Publish the draft: new calls get it at once">
          Publish
        </Button>
      </Popover.Target>
      <Popover.Dropdown role="dialog" aria-labelledby={titleId}>
        <Stack gap="xs">
          <Text fw={600} id={titleId}>
            Publish the draft
          </Text>
          <Text size="sm">New calls get the draft as the next version at once; calls in progress keep theirs.</Text>
          <Textarea
            label="Note for the history (optional)"
            placeholder="e.g. Frustration needs two angry turns now"
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) publish();
            }}
            maxLength={500}
            autosize
            minRows={2}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" size="xs" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button size="xs" onClick={publish}>
              Publish now
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
