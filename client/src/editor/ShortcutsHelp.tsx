import { useState } from 'react';
import { Button, Kbd, Modal, Table } from '@mantine/core';
import { shortcutList } from './shortcutList.ts';

/** A button that lists the keyboard shortcuts. */
export function ShortcutsHelp() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="subtle" onClick={() => setOpen(true)}>
        Shortcuts
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title="Keyboard shortcuts" centered>
        <Table>
          <Table.Tbody>
            {shortcutList.map(({ keys, does }) => (
              <Table.Tr key={keys}>
                <Table.Td>
                  <Kbd>{keys}</Kbd>
                </Table.Td>
                <Table.Td>{does}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <p className="muted">On a Mac, use Cmd instead of Ctrl.</p>
      </Modal>
    </>
  );
}
