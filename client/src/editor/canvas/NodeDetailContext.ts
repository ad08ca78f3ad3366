import { createContext } from 'react';

/**
 * Below this zoom a node's text is too small to read (12px shows as under 4px), so nodes show only their name,
 * colour and connections. A thousand-step flow fitted into view opens this way, fast; zooming in shows the details.
 */
export const DETAIL_ZOOM = 0.3;

/** Whether nodes show their details (what they say, their intents, their outputs' names) at the current zoom. */
export const NodeDetailContext = createContext(true);
