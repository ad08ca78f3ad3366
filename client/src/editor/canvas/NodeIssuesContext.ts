import { createContext } from 'react';
import type { FlowIssue } from '@baton/shared';

/** The live issues of each node, by node id, for the badges on the canvas. */
export const NodeIssuesContext = createContext<ReadonlyMap<string, FlowIssue[]>>(new Map());
