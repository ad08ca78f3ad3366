import { minutesOfDay, weekdays, type QueueSettings, type Weekday } from '@baton/shared';

type Hours = QueueSettings['businessHours'];
type Schedule = { businessHours: Hours };

/** Wall-clock reading of an instant in a zone. */
interface LocalTime {
  date: string; // YYYY-MM-DD
  weekday: Weekday;
  minutes: number; // since local midnight, with fractions for seconds
  year: number;
  month: number;
  day: number;
}

// Intl formatters are expensive to build and the set of zones is small, so one per zone lives here.
const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string) => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
};

const weekdayOf: Record<string, Weekday> = { Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun' };
const pad = (n: number) => String(n).padStart(2, '0');

function localTime(timeZone: string, ms: number): LocalTime & { second: number } {
  const p: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(ms)) p[part.type] = part.value;
  const [year, month, day] = [Number(p.year), Number(p.month), Number(p.day)];
  const second = Number(p.second);
  return {
    date: `${p.year}-${p.month}-${p.day}`, weekday: weekdayOf[p.weekday], year, month, day, second,
    minutes: Number(p.hour) * 60 + Number(p.minute) + second / 60,
  };
}

const wallClockOf = (timeZone: string, ms: number) => {
  const l = localTime(timeZone, ms);
  return Date.UTC(l.year, l.month - 1, l.day, 0, Math.floor(l.minutes), l.second);
};

/**
 * The instant a wall-clock time in `timeZone` happens. In a fall-back repeat, the earlier of the two; in a
 * spring-forward gap (the time does not exist), the end of the gap — the first instant the clock reads later.
 */
function instantOf(timeZone: string, year: number, month: number, day: number, minutes: number): number {
  const wall = Date.UTC(year, month - 1, day, 0, minutes);
  const offsetAt = (ms: number) => wallClockOf(timeZone, ms) - Math.floor(ms / 1000) * 1000;
  const first = wall - offsetAt(wall);
  const second = wall - offsetAt(first);
  if (first === second) return first;
  const hits = [first, second].filter((t) => wallClockOf(timeZone, t) === wall).sort((a, b) => a - b);
  if (hits.length > 0) return hits[0];
  // In a gap: search (to the second) for the first instant whose wall clock is at or past the asked time.
  let [lo, hi] = [Math.min(first, second), Math.max(first, second)];
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (wallClockOf(timeZone, mid) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

const isHoliday = (hours: Hours, date: string) => hours.holidays.includes(date);

/** Whether the queue takes calls at `at` by its weekly hours and holidays, read in the queue's time zone. */
export function isOpen(queue: Schedule, at: Date): boolean {
  const hours = queue.businessHours;
  const local = localTime(hours.timeZone, at.getTime());
  if (isHoliday(hours, local.date)) return false;
  return hours.weekly[local.weekday].some((o) => local.minutes >= minutesOfDay(o.open) && local.minutes < minutesOfDay(o.close));
}

/**
 * The next instant the queue opens: `at` itself when it is open, null when its hours never open
 * (no weekly hours, or holidays covering the whole search horizon of a year and a week).
 */
export function nextOpening(queue: Schedule, at: Date): Date | null {
  if (isOpen(queue, at)) return at;
  const hours = queue.businessHours;
  const local = localTime(hours.timeZone, at.getTime());
  for (let k = 0; k <= 372; k++) {
    // Calendar arithmetic on the local date, done in UTC where every day has 24 hours.
    const d = new Date(Date.UTC(local.year, local.month - 1, local.day + k));
    const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    if (isHoliday(hours, date)) continue;
    const openings = hours.weekly[weekdays[(d.getUTCDay() + 6) % 7]].map((o) => minutesOfDay(o.open)).sort((a, b) => a - b);
    for (const open of openings) {
      if (k === 0 && open <= local.minutes) continue;
      const t = instantOf(hours.timeZone, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), open);
      if (t > at.getTime()) return new Date(t);
    }
  }
  return null;
}
