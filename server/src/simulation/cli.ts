// `npm run simulate -- flows/billing-support.json --calls 1000 --seed 7 [--compare other.json]`: runs simulated
// callers through a flow file and prints the report as a table. With --compare, the same callers also run
// through the other file, and the table shows both side by side with the difference (other minus first).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { staffingSchema, type CallFigure, type FlowDocument, type SimulationReport } from '@baton/shared';
import { NlpjsNlu } from '../nlu/NlpjsNlu.ts';
import { loadPersonas } from './loadPersonas.ts';
import { runSimulation } from './runSimulation.ts';
import { SimulationWorkers } from './SimulationWorkers.ts';

const USAGE = `Usage: npm run simulate -- <flow.json> [--calls 1000] [--seed 7] [--compare other.json]
  [--personas flows/personas] [--rate 120 (calls per 30 min)] [--agents 8] [--aht 300 (s)] [--patience 180 (s, 0 = never hang up)]`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    calls: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '7' },
    compare: { type: 'string' },
    personas: { type: 'string', default: path.resolve(import.meta.dirname, '../../../flows/personas') },
    rate: { type: 'string', default: '120' },
    agents: { type: 'string', default: '8' },
    aht: { type: 'string', default: '300' },
    patience: { type: 'string', default: '180' },
  },
});

const readFlow = (file: string): FlowDocument => JSON.parse(readFileSync(path.resolve(file), 'utf8'));
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const secs = (x: number) => `${x.toFixed(1)} s`;
const signed = (x: number, show: (v: number) => string) => (x > 0 ? `+${show(x)}` : x < 0 ? `-${show(-x)}` : show(0));

function summaryRows(r: SimulationReport): Array<[string, string, number, (v: number) => string]> {
  return [
    ['Contained by the AI', pct(r.containment.rate), r.containment.rate, pct],
    ['Handed off', pct(r.handoff.rate), r.handoff.rate, pct],
    ['Caller hung up', pct(r.hungUp.rate), r.hungUp.rate, pct],
    ['Turns before handoff (mean)', r.turnsBeforeHandoff.mean.toFixed(2), r.turnsBeforeHandoff.mean, (v) => v.toFixed(2)],
    ['Wait mean', secs(r.queue.waitMeanSeconds), r.queue.waitMeanSeconds, secs],
    ['Wait p90', secs(r.queue.waitP90Seconds), r.queue.waitP90Seconds, secs],
    ['Wait max', secs(r.queue.waitMaxSeconds), r.queue.waitMaxSeconds, secs],
    ['Answered within 20 s', pct(r.queue.answeredWithin20s.rate), r.queue.answeredWithin20s.rate, pct],
    ['Abandoned in queue', pct(r.queue.abandoned.rate), r.queue.abandoned.rate, pct],
  ];
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c]?.length ?? 0)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('   ')).join('\n');
}

function breakdown(title: string, rows: Array<CallFigure & { key: string }>): string {
  return `\n${title}\n${table([['', 'calls', 'share'], ...rows.map((row) => [`  ${row.key}`, String(row.count), pct(row.rate)])])}`;
}

async function main() {
  const file = positionals[0];
  if (!file) throw new Error(USAGE);
  const number = (name: keyof typeof values) => {
    const n = Number(values[name]);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number; got "${values[name]}".\n${USAGE}`);
    return n;
  };
  const calls = number('calls');
  if (!Number.isInteger(calls) || calls < 1 || calls > 100_000) throw new Error(`--calls must be a whole number from 1 to 100000; got "${values.calls}".`);
  const staffing = staffingSchema.parse({ callsPer30Min: number('rate'), defaultQueue: { agents: number('agents'), ahtSeconds: number('aht') }, patienceSeconds: number('patience') || null });
  const first = { doc: readFlow(file), version: 'draft' as const };
  const other = values.compare ? { doc: readFlow(values.compare), version: 'draft' as const } : undefined;
  const workers = new SimulationWorkers();
  // Progress is for a person watching a terminal; piped output stays a clean table.
  const progress = process.stderr.isTTY;
  const started = performance.now();
  const output = await runSimulation(
    { flow: other ?? first, baseline: other ? first : undefined, personas: await loadPersonas(values.personas!), calls, seed: number('seed'), staffing },
    { nlu: new NlpjsNlu(), workers, onProgress: (done, total) => progress && process.stderr.write(`\r${done} / ${total} calls`) },
  ).finally(() => workers.close());
  if (progress) process.stderr.write(`\r${' '.repeat(30)}\r`);
  const seconds = (performance.now() - started) / 1000;
  const shown = output.comparison ? output.comparison.baseline : output.run.report;
  console.log(`Simulated ${calls} calls of "${first.doc.id}" (seed ${shown.seed}) in ${seconds.toFixed(1)} s\n`);
  if (output.comparison) {
    const after = summaryRows(output.run.report);
    console.log(table([['', path.basename(file), path.basename(values.compare!), 'change'], ...summaryRows(shown).map(([label, text, value, show], i) => [label, text, after[i][1], signed(after[i][2] - value, show)])]));
  } else console.log(table(summaryRows(shown).map(([label, text]) => [label, text])));
  const report = output.run.report;
  const heading = output.comparison ? ` (${path.basename(values.compare!)})` : '';
  console.log(breakdown(`Handoffs by category${heading}`, report.handoffsByCategory));
  console.log(breakdown(`Handoffs by signal${heading}`, report.handoffsBySignal));
  console.log(breakdown(`Handoffs by node${heading}`, report.handoffsByNode));
  console.log(breakdown('Calls by persona', report.byPersona));
  if (output.comparison) {
    const { count, byChange, calls: changed } = output.comparison.changedCalls;
    const outcome = (o: { outcome: string; category: string | null; turns: number }) => `${o.category ? `${o.outcome} (${o.category})` : o.outcome} after ${o.turns} turns`;
    const ways = Object.entries(byChange).flatMap(([way, n]) => (n > 0 ? [`${n} ${way.replace(/_/g, ' ')}`] : []));
    console.log(`\nCalls that ended differently: ${count}${ways.length ? ` (${ways.join(', ')})` : ''}`);
    for (const c of changed.slice(0, 10)) console.log(`  #${c.index}  ${c.persona}: ${outcome(c.before)} -> ${outcome(c.after)}`);
    const [low, high] = output.comparison.ranges.handoffRate;
    console.log(`Handed to a person: ${signed(output.comparison.deltas.handoffRate * 100, (v) => v.toFixed(1))} points (95 % range ${(low * 100).toFixed(1)} to ${(high * 100).toFixed(1)})`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
