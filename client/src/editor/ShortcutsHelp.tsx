import { useState } from 'react';
import { Button, Kbd, Modal, Table } from '@mantine/core';
import { shortcutList } from './shortcutList.ts';

/** A button that lists the keyboard shortcuts. */
export function ShortcutsHelp() {
  const [open, setOpen] = useState(false);
  return (
    <>
      {/* On narrower screens only the keyboard shows; the name stays for screen readers and as the tooltip. */}
      <Button variant="subtle" onClick={() => setOpen(true)} aria-label="Shortcuts" title="Keyboard shortcuts">
        <span aria-hidden="true" className="editor-header__icon">
          ⌨
        </span>
        <span className="editor-header__word">Shortcuts</span>
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
