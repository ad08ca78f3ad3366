import type { NodeKind } from '@baton/shared';
import { aiExecutor } from './aiExecutor.ts';
import { askExecutor } from './askExecutor.ts';
import type { Executor } from './Executor.ts';
import { transferExecutor, transparencyExecutor } from './handoffExecutors.ts';
import { surveyExecutor } from './surveyExecutor.ts';
import { branchExecutor, endExecutor, sayExecutor, startExecutor, triggerExecutor } from './simpleExecutors.ts';

/** The server's face of every node kind: a kind without an executor is a type error. */
export const executors = {
  start: startExecutor,
  say: sayExecutor,
  ask: askExecutor,
  ai: aiExecutor,
  branch: branchExecutor,
  trigger: triggerExecutor,
  transparency: transparencyExecutor,
  transfer: transferExecutor,
  survey: surveyExecutor,
  end: endExecutor,
} satisfies Record<NodeKind, Executor>;
