import { Button, Menu, Text } from '@mantine/core';
import { templateVariables, WAIT_VARIABLES } from '@baton/shared';
import { useEditorStore } from '../store/editorStore.ts';
import { slotNames } from '../store/slotNames.ts';

/**
 * Lists the {{variables}} a message may use (and the flow's collected values) to insert one; `waitKnown` false leaves
 * out those that speak a wait, for a message said where none is known.
 */
export function VariableMenu({ field, onPick, waitKnown = true }: { field: string; onPick(variable: string): void; waitKnown?: boolean }) {
  const slots = useEditorStore(slotNames);
  const variables: [string, string][] = [
    ...Object.entries(templateVariables).filter(([name]) => !name.endsWith('*') && (waitKnown || !WAIT_VARIABLES.has(name))),
    ...slots.split(' ').filter(Boolean).map((slot): [string, string] => [`slots.${slot}`, 'A value this flow asks the caller for.']),
  ];
  return (
    <Menu position="bottom-end" withinPortal shadow="md" width={300}>
      <Menu.Target>
        <Button size="compact-xs" variant="subtle" aria-label={`Insert a variable into ${field}`}>
          Insert a variable
        </Button>
      </Menu.Target>
      <Menu.Dropdown mah={320} style={{ overflowY: 'auto' }}>
        {variables.map(([name, help]) => (
          <Menu.Item key={name} onClick={() => onPick(name)}>
            <Text size="sm" ff="monospace">{`{{${name}}}`}</Text>
            <Text size="xs" c="dimmed">
              {help}
            </Text>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
