import type { DragEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import { nodeKindNames, nodeKinds, type NodeKind } from '@baton/shared';
import { useEditorStore } from '../store/editorStore.ts';
import { NEW_NODE_OFFSET, NODE_KIND_MIME } from '../canvas/newNodePlacement.ts';
import { kindColours, kindStyles } from './kindStyles.ts';

function onDragStart(event: DragEvent, kind: NodeKind) {
  event.dataTransfer.setData(NODE_KIND_MIME, kind);
  event.dataTransfer.effectAllowed = 'copy';
}

/** Every node kind in plain words: drag one onto the canvas, or click to add it in the middle of the view. */
export function Palette() {
  const { screenToFlowPosition } = useReactFlow();

  function addAtCentre(kind: NodeKind) {
    const pane = document.querySelector('.editor .react-flow')?.getBoundingClientRect();
    if (!pane) return;
    const centre = screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 });
    useEditorStore.getState().addNode(kind, { x: centre.x - NEW_NODE_OFFSET.x, y: centre.y - NEW_NODE_OFFSET.y });
  }

  return (
    <nav className="palette" aria-label="Steps you can add">
      <h2 className="editor-panel__title">Add a step</h2>
      <p className="palette__hint">Drag onto the canvas, or click to add.</p>
      <ul>
        {nodeKindNames.map((kind) => (
          <li key={kind}>
            <button
              type="button"
              className="palette__item"
              style={kindColours(kind)}
              draggable
              onDragStart={(event) => onDragStart(event, kind)}
              onClick={() => addAtCentre(kind)}
            >
              <span className="palette__label">
                <span className="kind-icon" aria-hidden="true">
                  {kindStyles[kind].icon}
                </span>
                {nodeKinds[kind].label}
              </span>
              <span className="palette__description">{nodeKinds[kind].description}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
