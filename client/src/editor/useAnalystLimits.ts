import type { NodeKind } from '@baton/shared';
import { useRole } from '../session/session.ts';

/**
 * What an analyst may change in the editor, as the server checks it (analystChanges.ts): a trigger's detectors, rule,
 * scope and priority, and a "Tell the caller" step's texts. Everything else shows read-only; the server refuses it anyway.
 */
export const ANALYST_STEP_KINDS: readonly NodeKind[] = ['trigger', 'transparency'];

/** Whether the signed-in person only tunes handoff rules and messages (an analyst). */
export const useTunesOnly = () => useRole() === 'analyst';
