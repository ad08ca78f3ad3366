/** "+1 415 555 0123", "+44 20 7946 0958", "020 7946 0958": a stored number (an optional "+" and 7 to 15 digits) in groups a person can read out. */
export function formatPhone(phone: string): string {
  const match = /^(\+?)(\d{7,15})$/.exec(phone);
  if (!match) return phone;
  const [, plus, digits] = match;
  if (!plus) return group(digits);
  // North America and Russia/Kazakhstan have one-digit country codes; most others have two (a good enough guess to read by).
  const codeLength = digits.startsWith('1') || digits.startsWith('7') ? 1 : 2;
  return `+${digits.slice(0, codeLength)} ${group(digits.slice(codeLength))}`;
}

/** Groups of three before a final group of four ("415 555 0123"); a leftover digit joins the first group ("0770 090 0123"). */
function group(digits: string): string {
  if (digits.length <= 4) return digits;
  const head = digits.slice(0, -4);
  const first = head.length % 3 === 1 && head.length > 1 ? 4 : head.length % 3 || 3;
  return [head.slice(0, first), ...(head.slice(first).match(/.{3}/g) ?? []), digits.slice(-4)].join(' ');
}

const timeFormat = () => new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

/** A time of day in the agent's own time zone and way of writing it ("14:40", "2:40 PM"). */
export const formatTime = (iso: string) => timeFormat().format(new Date(iso));

const startOfDay = (t: number) => new Date(t).setHours(0, 0, 0, 0);

/** "today", "tomorrow", "yesterday" or "Tue 4 Mar", in the agent's time zone. */
export function formatDay(iso: string, now: number): string {
  const days = Math.round((startOfDay(new Date(iso).getTime()) - startOfDay(now)) / 86_400_000);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(iso));
}

/** "today 14:10–14:40": the window promised to the caller, in the agent's local time. */
export function formatWindow(window: { from: string; to: string }, now: number): string {
  const from = new Date(window.from);
  const to = new Date(window.to);
  const sameDay = startOfDay(from.getTime()) === startOfDay(to.getTime());
  const range = sameDay ? timeFormat().formatRange(from, to) : `${formatTime(window.from)} – ${formatDay(window.to, now)} ${formatTime(window.to)}`;
  return `${formatDay(window.from, now)} ${range}`;
}
