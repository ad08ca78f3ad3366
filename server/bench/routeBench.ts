import { agentSettingsSchema, queueSettingsSchema } from '@baton/shared';
import { CallRouter } from '../src/routing/CallRouter.ts';
import { median } from './median.ts';

const AGENTS = 500;
const CALLS = 2_000;
const QUEUES = 10;
const ROUNDS = 15;
const SKILLS = ['billing', 'fraud', 'sales', 'tech', 'spanish', 'german', 'retention', 'vip'];
const allDay = [{ open: '00:00', close: '24:00' }];
const hours = { timeZone: 'UTC', weekly: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay } };

/** A small seeded generator, so every run routes the same population. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function population(seed: number) {
  const rnd = random(seed);
  const pick = (n: number) => [...new Set(Array.from({ length: n }, () => SKILLS[Math.floor(rnd() * SKILLS.length)]))];
  const queues = Array.from({ length: QUEUES }, (_, i) =>
    queueSettingsSchema.parse({ id: `queue-${i}`, name: `Queue ${i}`, requiredSkills: pick(1 + (i % 2)), businessHours: hours, priorityBoosts: { sensitive: 3, repeatCaller: 1 } }));
  const agents = Array.from({ length: AGENTS }, (_, i) =>
    agentSettingsSchema.parse({
      id: `agent-${i}`, name: `Agent ${i}`, capacity: i % 10 === 0 ? 2 : 1,
      skills: pick(2 + Math.floor(rnd() * 4)).map((skill) => ({ skill, proficiency: 1 + Math.floor(rnd() * 5) })),
    }));
  const calls = Array.from({ length: CALLS }, (_, i) => ({
    callId: `call-${i}`, queueId: `queue-${Math.floor(rnd() * QUEUES)}`, priority: rnd() < 0.1 ? 5 : 0,
    skills: rnd() < 0.2 ? pick(1) : [], flags: { sensitive: rnd() < 0.05, repeatCaller: rnd() < 0.1 },
  }));
  return { queues, agents, calls };
}

/**
 * Routing decisions per second. A decision is one waiting call either matched to an agent (an offer) or found
 * unmatched (no eligible agent is free) by `route`. Each round: 500 agents (varied skills, proficiency, a tenth of
 * them taking two calls) become available at staggered times and 2,000 calls wait across 10 queues; one timed
 * `route` decides every waiting call. Building the state is not timed. The median round is reported.
 */
export function routeBench(): { route_decisions_per_s: number } {
  const { queues, agents, calls } = population(42);
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = Date.parse('2026-11-24T10:00:00Z');
    const router = new CallRouter(queues, agents, new Date(start));
    agents.forEach((a, i) => router.setAgentStatus(a.id, 'available', new Date(start + ((i * 7919) % AGENTS) * 1000)));
    calls.forEach((c, i) => router.enqueue(c, new Date(start + AGENTS * 1000 + i * 100)));
    const now = new Date(start + 3_600_000);
    const decisions = router.waitingCount;
    const t0 = performance.now();
    const events = router.route(now);
    const seconds = (performance.now() - t0) / 1000;
    if (events.length === 0) throw new Error('route bench: no offer was made; the population is wrong');
    rates.push(decisions / seconds);
  }
  return { route_decisions_per_s: Math.round(median(rates)) };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(routeBench());
