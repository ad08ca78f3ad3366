import { useContext, useEffect, useRef } from 'react';
import { Button, Group, Stack, TextInput } from '@mantine/core';
import { nodeKinds, type NodeKind } from '@baton/shared';
import { NodeIssuesContext } from '../canvas/NodeIssuesContext.ts';
import { useShallow } from 'zustand/react/shallow';
import { beginUndoStep, endUndoStep, useEditorStore, type EditorState } from '../store/editorStore.ts';
import { fieldErrors } from './fieldErrors.ts';
import { kindFields } from './kindFields.ts';
import { textOf } from './KindFieldsProps.ts';
import { useFocusField } from './useFocusField.ts';
import { ANALYST_STEP_KINDS, useTunesOnly } from '../useAnalystLimits.ts';

const selectedNodeContent = (s: EditorState) => {
  const node = s.selectedNodeId ? s.nodes.find((n) => n.id === s.selectedNodeId) : undefined;
  return node ? { id: node.id, type: node.type, data: node.data } : undefined;
};

/** The form for the selected node, checked against its kind's schema as you type. */
export function Inspector() {
  // What the form shows, not the node itself: dragging the selected node must not re-render (and re-measure) the form.
  const node = useEditorStore(useShallow(selectedNodeContent));
  const queues = useEditorStore((s) => s.meta?.settings.queues ?? []);
  // Everything typed into one field, from focusing it until leaving it, is one undo step (not one per key).
  useEffect(() => () => endUndoStep('inspector'), [node?.id]);
  const form = useRef<HTMLElement>(null);
  const issues = useContext(NodeIssuesContext).get(node?.id ?? '') ?? [];
  useFocusField(form, node?.id);
  const tunesOnly = useTunesOnly();
  if (!node?.type) return null;
  const kind = node.type as NodeKind;
  const data = node.data;
  // The schema's complaints first; then what the compiler says about a field (a rule that does not check, a message
  // with an unknown variable), so those show beside the field too.
  const errors = fieldErrors(kind, data);
  for (const issue of issues) {
    const field = issue.field?.replace(/^data\./, '');
    if (field && !errors.has(field)) errors.set(field, issue.message);
  }
  const set = (field: string, value: unknown) => useEditorStore.getState().updateNodeData(node.id, { ...data, [field]: value });
  const fields = { data, errors, set, queues };
  const KindFields = kindFields[kind];
  // An analyst tunes triggers and what callers are told; other steps, names and deleting are an admin's.
  const locked = tunesOnly && !ANALYST_STEP_KINDS.includes(kind);

  return (
    <section ref={form} className="inspector" aria-labelledby="inspector-title" key={node.id} onFocus={() => beginUndoStep('inspector')} onBlur={() => endUndoStep('inspector')}>
      <h2 id="inspector-title" className="editor-panel__title">
        {nodeKinds[kind].label}
      </h2>
      <p className="inspector__description">{nodeKinds[kind].description}</p>
      {locked && (
        <p className="inspector__locked-note" role="note">
          Read-only for analysts: you can change handoff triggers and what callers are told. Ask an admin to change this step.
        </p>
      )}
      <fieldset className="inspector__lock" disabled={locked}>
        <Stack gap="sm">
          <TextInput data-field="label" label="Name on the canvas" value={textOf(data.label)} error={errors.get('label')} onChange={(event) => set('label', event.currentTarget.value)} disabled={tunesOnly} />
          <KindFields {...fields} />
          {!tunesOnly && (
            <Group justify="flex-end" mt="xs">
              <Button variant="light" color="red" size="xs" onClick={() => useEditorStore.getState().deleteElements([node.id], [])}>
                Delete this step
              </Button>
            </Group>
          )}
        </Stack>
      </fieldset>
    </section>
  );
}
