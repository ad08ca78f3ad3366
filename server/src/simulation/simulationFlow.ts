import { compileFlow, hasErrors, type FlowDocument } from '@baton/shared';
import { prepareFlow } from '../engine/RuntimeFlow.ts';
import { AppError } from '../errors.ts';
import type { Nlu } from '../nlu/Nlu.ts';
import { flowIntents } from './SimulatedCaller.ts';
import { openingOf, type SimulationFlow } from './simulateCall.ts';

/** A flow version to simulate, as it travels to worker threads: the document, not the compiled form. */
export interface FlowUnderTest {
  doc: FlowDocument;
  version: number | 'draft';
}

/** Compiles and trains a flow for simulation; a flow with errors cannot run (422 with its issues). */
export function simulationFlow(flow: FlowUnderTest, nlu: Nlu): SimulationFlow {
  const { compiled, issues } = compileFlow(flow.doc);
  if (!compiled || hasErrors(issues))
    throw new AppError(422, 'flow_has_errors', `The flow "${flow.doc.id}" has errors, so it cannot be simulated. Fix them first.`, issues.filter((i) => i.severity === 'error'));
  // Simulated callers say their personas' sentences again and again: each is read once per step.
  const runtime = prepareFlow(compiled, flow.version, nlu, { rememberWords: true });
  return { runtime, intents: flowIntents(runtime), opening: openingOf(runtime) };
}
