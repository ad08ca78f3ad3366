import { z } from 'zod';
import type { HandoffReason } from '../api/calls.ts';

/** Body of `POST /api/flows/:id/tests/run`: which tests (default all) on which version (default the draft). */
export const conversationTestRunRequestSchema = z
  .object({
    testIds: z.array(z.string().min(1)).max(1000).optional(),
    version: z.union([z.literal('draft'), z.literal('published'), z.number().int().min(1)]).optional(),
  })
  .strict();

export type ConversationTestRunRequest = z.infer<typeof conversationTestRunRequestSchema>;

/** One checked expectation: `expectation` names it (path, heard, handoff, …), `detail` says what happened. */
export interface ExpectationResult {
  expectation: string;
  passed: boolean;
  detail: string;
}

/** The outcome of one conversation test. */
export interface ConversationTestOutcome {
  id: string;
  name: string;
  passed: boolean;
  expectations: ExpectationResult[];
  /** What the caller heard, in order. */
  heard: string[];
  /** Node ids the call went through. */
  path: string[];
  handoff: HandoffReason | null;
}

/** Response of `POST /api/flows/:id/tests/run`; `passed` and `failed` count tests. */
export interface ConversationTestRun {
  flow: { id: string; version: number | 'draft' };
  passed: number;
  failed: number;
  results: ConversationTestOutcome[];
}

/** One entry of the `issues` of a 422 `conversation_tests_failed` (publish refused): a failing test and only its failing expectations. */
export interface ConversationTestFailure {
  id: string;
  name: string;
  expectations: ExpectationResult[];
}
