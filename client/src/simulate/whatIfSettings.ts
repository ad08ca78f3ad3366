import type { FlowVersionRequest, Persona, QueueConfig, SimulationRequest } from '@baton/shared';

/** A version as a select's value: "draft", "published", a published number, or "none" (no comparison). */
export type VersionChoice = string;

/** What the analyst chose on the what-if page, before it becomes a request. */
export interface WhatIfSettings {
  version: VersionChoice;
  compareWith: VersionChoice;
  /** Simulated callers (personas), or the flow's real calls of the last `days` days replayed. */
  callers: 'simulated' | 'real';
  days: number;
  /** Simulated callers also say things the way real callers of the last 30 days did. */
  realPhrasing: boolean;
  calls: number;
  seed: number;
  /** By persona id: this run's share of each persona. */
  weights: Record<string, number>;
  queues: Record<string, { agents: number; ahtSeconds: number }>;
  patienceSeconds: number;
  callsPer30Min: number;
}

/** Defaults: this draft against the published version (or the draft alone), 1,000 callers, seed 7, stored weights. */
export function defaultSettings(publishedVersion: number | null, personas: Persona[], queues: QueueConfig[]): WhatIfSettings {
  return {
    version: 'draft',
    compareWith: publishedVersion === null ? 'none' : 'published',
    callers: 'simulated',
    days: 7,
    realPhrasing: false,
    calls: 1000,
    seed: 7,
    weights: Object.fromEntries(personas.map((p) => [p.id, p.weight])),
    queues: Object.fromEntries(queues.map((q) => [q.id, { agents: 8, ahtSeconds: 300 }])),
    patienceSeconds: 180,
    callsPer30Min: 120,
  };
}

/** Simulated callers who speak as real callers did take their words from this many days of real calls. */
export const REAL_PHRASING_DAYS = 30;

const toVersion = (choice: VersionChoice): FlowVersionRequest => (choice === 'draft' || choice === 'published' ? choice : Number(choice));

/**
 * The request for `POST /api/simulations`; personas are sent whole so this run's weights apply without changing the
 * stored ones, and without the version they were stored at, which is no part of a persona.
 */
export function toRequest(flowId: string, settings: WhatIfSettings, personas: Array<Persona & { version?: number }>): SimulationRequest {
  const mix = personas.filter((p) => (settings.weights[p.id] ?? 0) > 0).map(({ version: _version, ...p }) => ({ ...p, weight: settings.weights[p.id] }));
  return {
    flowId,
    version: toVersion(settings.version),
    ...(settings.compareWith === 'none' ? {} : { compareWith: toVersion(settings.compareWith) }),
    calls: settings.calls,
    seed: settings.seed,
    ...(settings.callers === 'real' ? { realCalls: { days: settings.days } } : { personas: mix, ...(settings.realPhrasing ? { realPhrasing: { days: REAL_PHRASING_DAYS } } : {}) }),
    staffing: {
      callsPer30Min: settings.callsPer30Min,
      queues: settings.queues,
      defaultQueue: { agents: 8, ahtSeconds: 300 },
      patienceSeconds: settings.patienceSeconds,
    },
  };
}

/** What a version is called on the page. */
export function versionLabel(choice: VersionChoice, publishedVersion: number | null): string {
  if (choice === 'draft') return 'Draft';
  if (choice === 'published') return publishedVersion === null ? 'Published' : `Published (version ${publishedVersion})`;
  return `Version ${choice}`;
}
