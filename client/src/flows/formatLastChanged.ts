const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "just now", "5 minutes ago", "yesterday", "3 days ago"; older than a week, the local date ("12 Mar 2025"). */
export function formatLastChanged(updatedAt: string, now: Date = new Date(), locale?: string): string {
  const then = new Date(updatedAt);
  if (Number.isNaN(then.getTime())) return 'Unknown';
  const ago = now.getTime() - then.getTime();
  if (ago < 0) return formatLocalDate(then, locale);
  if (ago < MINUTE) return 'just now';
  if (ago < HOUR) return relative.format(-Math.floor(ago / MINUTE), 'minute');
  if (ago < DAY) return relative.format(-Math.floor(ago / HOUR), 'hour');
  if (ago < 7 * DAY) return relative.format(-Math.floor(ago / DAY), 'day');
  return formatLocalDate(then, locale);
}

/** The full local date and time, for a tooltip. */
export function formatLocalDateTime(updatedAt: string, locale?: string): string {
  const then = new Date(updatedAt);
  if (Number.isNaN(then.getTime())) return '';
  return then.toLocaleString(locale, { dateStyle: 'long', timeStyle: 'short' });
}

function formatLocalDate(date: Date, locale?: string): string {
  return date.toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' });
}
