import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CallFacts } from '@baton/shared';
import { CallAnalytics } from '../src/analytics/CallAnalytics.ts';
import { JsonlCallLog } from '../src/store/JsonlCallLog.ts';

const DAY_MS = 86_400_000;
const FLOWS = ['billing-support', 'card-services', 'tech-support'];
const WORDS = ['balance', 'refund', 'bill', 'card', 'stolen', 'payment', 'plan', 'internet', 'down', 'router', 'agent', 'person', 'late', 'fee', 'charged', 'twice', 'account', 'number', 'please', 'help'];

/** A small deterministic random source, so every run measures the same calls. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1_664_525 + 1_013_904_223) >>> 0) / 2 ** 32);
}

/** `calls` finished calls over the 30 days before `end`, as the call log holds their facts (one day file per day). */
async function writeLog(dir: string, calls: number, end: number) {
  const next = random(42);
  const files = new Map<string, ReturnType<typeof createWriteStream>>();
  for (let i = 0; i < calls; i++) {
    const started = end - Math.floor(next() * 30 * DAY_MS);
    const handed = next() < 0.3;
    const waited = Math.floor(next() * 120);
    const facts: CallFacts = {
      callId: `bench-${i}`,
      flowId: FLOWS[i % FLOWS.length],
      flowVersion: String(1 + (i % 3)),
      startedAt: new Date(started).toISOString(),
      endedAt: new Date(started + 180_000).toISOString(),
      disposition: handed ? (next() < 0.1 ? 'abandoned_in_queue' : 'transferred') : 'resolved',
      turns: 1 + Math.floor(next() * 6),
      phone: `+4477009${String(Math.floor(next() * 100_000)).padStart(5, '0')}`,
      path: ['start', 'main', 'anything_else'],
      callerText: Array.from({ length: 6 }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' '),
      ...(next() < 0.2 ? { surveyScore: 1 + Math.floor(next() * 5) } : {}),
    };
    if (handed)
      facts.handoff = { category: (['explicit_request', 'frustration', 'complex_or_sensitive'] as const)[i % 3], signal: 'explicit_request', triggerId: 'trigger_person', fromNodeId: 'main', turns: 2, at: facts.startedAt, queue: 'billing', outcome: 'connected', outcomeAt: new Date(started + waited * 1000).toISOString() };
    const day = `${facts.endedAt.slice(0, 10)}.jsonl`;
    let file = files.get(day);
    if (!file) files.set(day, (file = createWriteStream(path.join(dir, day))));
    if (!file.write(`${JSON.stringify({ callId: facts.callId, at: facts.endedAt, disposition: facts.disposition, facts })}\n`)) await new Promise<void>((resolve) => file.once('drain', () => resolve()));
  }
  await Promise.all([...files.values()].map((f) => new Promise<void>((resolve) => f.end(() => resolve()))));
}

/**
 * Analytics over a million finished calls in the log: how fast the copy reads them in, and how long the flow
 * dashboard's questions take (the summary over the last 30 days of one flow, which is every query the page makes), and
 * a text search of the call explorer.
 */
export async function analyticsBench(calls = 1_000_000): Promise<Record<string, number>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'baton-analytics-bench-'));
  try {
    const end = Date.parse('2026-12-01T00:00:00Z');
    await writeLog(dir, calls, end);
    const log = new JsonlCallLog(dir);
    const analytics = await CallAnalytics.open(path.join(dir, 'analytics.duckdb'), log);
    try {
      const t0 = performance.now();
      await analytics.catchUp();
      const ingestS = (performance.now() - t0) / 1000;
      const period = { from: new Date(end - 30 * DAY_MS), to: new Date(end), flowId: 'billing-support' };
      await analytics.summary(period); // warm
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        await analytics.summary(period);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      // A text search over the same month, as the call explorer sends it: two words, the first page.
      const searches: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        const found = await analytics.findCalls({ from: period.from, to: period.to, text: i % 2 ? 'refund twice' : 'stolen card', limit: 50, offset: 0 });
        searches.push(performance.now() - t);
        if (found.total === 0) throw new Error('analytics bench: the search found nothing');
      }
      searches.sort((a, b) => a - b);
      return {
        analytics_search_ms_1m_calls: Number(searches[2].toFixed(1)),
        analytics_ingest_calls_per_s: Math.round(calls / ingestS),
        analytics_dashboard_ms_1m_calls: Number(times[2].toFixed(1)),
      };
    } finally {
      await analytics.close();
      await log.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await analyticsBench(Number(process.argv[2] ?? 1_000_000)));
