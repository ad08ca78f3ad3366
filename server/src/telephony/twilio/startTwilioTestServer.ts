import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FlowDocument } from '@baton/shared';
import { flowsDir, seedOpenQueues, startLoopbackServer, type LoopbackOptions } from '../../testing/loopbackServer.ts';
import type { TwilioSettings } from './twilioSettings.ts';

/** The billing example, with `change` applied (tests shorten its wait-update interval). */
export async function billingExample(change: (flow: FlowDocument) => void = () => {}): Promise<FlowDocument> {
  const flow = JSON.parse(await readFile(path.join(flowsDir, 'billing-support.json'), 'utf8')) as FlowDocument;
  change(flow);
  return flow;
}

/**
 * For the Twilio tests and bench: the real app on loopback with Twilio settings, a fresh data directory, the example
 * queues and agents (open around the clock, agents signed out) and the given flows.
 */
export function startTwilioTestServer(twilio: TwilioSettings, flows: FlowDocument[], onServed?: (path: string, ms: number) => void, options: Pick<LoopbackOptions, 'maxLiveCalls' | 'sharedCalls' | 'routingLog'> = {}) {
  return startLoopbackServer({
    ...options,
    twilio,
    onServed,
    seed: async (store) => {
      await seedOpenQueues(store);
      for (const flow of flows) await store.flows.create(flow);
    },
  });
}
