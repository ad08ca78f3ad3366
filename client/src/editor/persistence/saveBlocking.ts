import { blocksSaving as issueBlocksSaving, type FlowIssue } from '@baton/shared';

/** Autosave waits until problems the server refuses to store are fixed, instead of asking the server again and again. */
export const blocksSaving = (issues: FlowIssue[]) => issues.some(issueBlocksSaving);
