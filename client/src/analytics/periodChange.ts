/** How a headline figure moved since the period before, in words: "▲ 5 points", "▼ 12 s", "no change". */
export interface PeriodChange {
  text: string;
  direction: 'up' | 'down' | 'same';
}

const signed = (x: number, digits: number) => `${x > 0 ? '+' : '−'}${Math.abs(x).toFixed(digits)}`;

function change(delta: number, digits: number, unit: string): PeriodChange {
  if (Number(Math.abs(delta).toFixed(digits)) === 0) return { text: 'no change', direction: 'same' };
  return { text: `${signed(delta, digits)}${unit}`, direction: delta > 0 ? 'up' : 'down' };
}

/** A share's change in points; null when either period has nothing to share out. */
export function rateChange(part: number, whole: number, previousPart: number, previousWhole: number): PeriodChange | null {
  if (whole === 0 || previousWhole === 0) return null;
  const points = 100 * (part / whole - previousPart / previousWhole);
  const c = change(points, 0, '');
  return c.direction === 'same' ? c : { ...c, text: `${c.text} ${Math.abs(Math.round(points)) === 1 ? 'point' : 'points'}` };
}

/** A count's change, with its share of the count before: "+12 (+20%)". */
export function countChange(now: number, before: number): PeriodChange {
  const c = change(now - before, 0, '');
  if (c.direction === 'same' || before === 0) return c;
  return { ...c, text: `${c.text} (${signed((100 * (now - before)) / before, 0)}%)` };
}

/** A mean's change in its unit (" s", or none for a score); null when either period has none. */
export function meanChange(now: number | null, before: number | null, digits: number, unit: string): PeriodChange | null {
  if (now === null || before === null) return null;
  return change(now - before, digits, unit);
}

/** The period before, named by its length: "the 7 days before", "the 9 hours before". */
export function previousPeriodName(from: string, to: string): string {
  const hours = Math.round((Date.parse(to) - Date.parse(from)) / 3_600_000);
  if (hours <= 48) return `the ${hours} ${hours === 1 ? 'hour' : 'hours'} before`;
  const days = Math.round(hours / 24);
  return `the ${days} days before`;
}
