/** Every keyboard shortcut of the editor, for the help panel. Cmd replaces Ctrl on a Mac. */
export const shortcutList: { keys: string; does: string }[] = [
  { keys: 'Ctrl+S', does: 'Save' },
  { keys: 'Ctrl+Z', does: 'Undo' },
  { keys: 'Shift+Ctrl+Z or Ctrl+Y', does: 'Redo' },
  { keys: 'Delete or Backspace', does: 'Delete the selected steps and connections' },
  { keys: 'Ctrl+C', does: 'Copy the selected steps' },
  { keys: 'Ctrl+V', does: 'Paste copied steps (also into another flow)' },
  { keys: 'Ctrl+D', does: 'Duplicate the selected steps' },
  { keys: 'Shift+drag', does: 'Select several steps with a box' },
  { keys: 'Ctrl+click', does: 'Add a step to the selection' },
  { keys: 'Mouse wheel', does: 'Zoom in and out' },
];
