import * as chrono from 'chrono-node';
import type { EntityType } from '@baton/shared';
import type { EntityValue } from './Nlu.ts';
import { numberSpans } from './numberSpans.ts';

// Hand-written on purpose: nlp.js' built-in extraction lives in @nlpjs/ner's asynchronous pipeline,
// while these few patterns are simpler, synchronous and cheap enough to run on every turn. Dates are
// left to chrono-node, which does that job well. Every pattern is linear: no nested quantifiers, and
// the lookbehinds stop a failed match from being retried inside the same run of characters.
const EMAIL = /(?<![\w.%+-])[\w.%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi;
const PHONE = /(?<![\w+.,])\+?\(?\d[\d ()-]*\d/g;
const CURRENCY_BEFORE = /[$£€]\s?$/;
const CURRENCY_AFTER = /^\s?(?:dollars?|bucks|pounds?|quid|euros?|usd|gbp|eur)\b/i;

/** More specific types win where two overlap: "$1,250" is an amount, not also a number. */
const PRIORITY: readonly EntityType[] = ['email', 'amount', 'date', 'phone', 'number'];

interface Found {
  type: EntityType;
  value: string | number;
  start: number;
  end: number;
}

export function extractEntities(text: string, types: readonly EntityType[], now: Date): EntityValue[] {
  if (types.length === 0 || text.length === 0) return [];
  // Entities of one type never overlap each other, so each type is checked only against the
  // (sorted, disjoint) spans claimed by the types before it.
  let claimed: Found[] = [];
  for (const type of PRIORITY) {
    if (!types.includes(type)) continue;
    const kept = FINDERS[type](text, now).filter((entity) => !overlapsAny(claimed, entity));
    claimed = [...claimed, ...kept].sort((a, b) => a.start - b.start);
  }
  return claimed.map(({ type, value, start, end }) => ({ type, value, text: text.slice(start, end) }));
}

/** Binary search over disjoint spans sorted by start. */
function overlapsAny(sorted: readonly Found[], span: { start: number; end: number }): boolean {
  let low = 0;
  let high = sorted.length - 1;
  let last = -1; // the last span starting before `span` ends
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (sorted[mid].start < span.end) {
      last = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return last >= 0 && sorted[last].end > span.start;
}

const FINDERS: Record<EntityType, (text: string, now: Date) => Found[]> = {
  number: (text) => numberSpans(text).map((s) => ({ ...s, type: 'number' })),
  amount: findAmounts,
  date: findDates,
  email: (text) => (text.includes('@') ? matches(EMAIL, text).map((m) => ({ ...m, type: 'email', value: m.value.toLowerCase() })) : []),
  phone: findPhones,
};

function matches(pattern: RegExp, text: string): Array<{ start: number; end: number; value: string }> {
  return Array.from(text.matchAll(pattern), (m) => ({ start: m.index, end: m.index + m[0].length, value: m[0] }));
}

function findAmounts(text: string): Found[] {
  const amounts: Found[] = [];
  for (const n of numberSpans(text)) {
    const before = CURRENCY_BEFORE.exec(text.slice(Math.max(0, n.start - 2), n.start));
    const after = CURRENCY_AFTER.exec(text.slice(n.end, n.end + 9));
    if (before) amounts.push({ type: 'amount', value: n.value, start: n.start - before[0].length, end: n.end });
    else if (after) amounts.push({ type: 'amount', value: n.value, start: n.start, end: n.end + after[0].length });
  }
  return amounts;
}

function findDates(text: string, now: Date): Found[] {
  const dates: Found[] = [];
  for (const result of chrono.parse(text, now)) {
    const { start } = result;
    // A bare time ("at 5pm") names no day, so it is not a date.
    if (!(['day', 'weekday', 'month', 'year'] as const).some((c) => start.isCertain(c))) continue;
    const iso = [start.get('year') ?? 0, start.get('month') ?? 1, start.get('day') ?? 1]
      .map((n, i) => String(n).padStart(i === 0 ? 4 : 2, '0'))
      .join('-');
    dates.push({ type: 'date', value: iso, start: result.index, end: result.index + result.text.length });
  }
  return dates;
}

function findPhones(text: string): Found[] {
  const phones: Found[] = [];
  for (const m of matches(PHONE, text)) {
    const digits = m.value.replace(/\D/g, '');
    if (digits.length < 7 || digits.length > 15) continue;
    phones.push({ type: 'phone', value: (m.value.startsWith('+') ? '+' : '') + digits, start: m.start, end: m.end });
  }
  return phones;
}
