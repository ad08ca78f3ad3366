/** The drag-and-drop payload type that carries a node kind from the palette. */
export const NODE_KIND_MIME = 'application/x-baton-node-kind';

/** A new node is placed so its middle lands where it was dropped (nodes are about 190 × 110). */
export const NEW_NODE_OFFSET = { x: 95, y: 55 };
