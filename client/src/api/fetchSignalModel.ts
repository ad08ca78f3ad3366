import type { SignalModelInfo } from '@baton/shared';
import { fetchJson } from './fetchJson.ts';

let cached: Promise<SignalModelInfo> | null = null;

/** The learned detectors' recommended thresholds (`GET /api/signals`), fetched once per page; a failure is retried next time. */
export function fetchSignalModel(): Promise<SignalModelInfo> {
  cached ??= fetchJson<SignalModelInfo>('/api/signals').catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}
