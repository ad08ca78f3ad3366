import type { AgentStatus, QueueLiveFigures, WebhookDelivery } from '@baton/shared';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "45 s", "2 min 10 s", "1 h 5 min": a wait as a supervisor reads it. */
export function waitWords(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return s % 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s / 60} min`;
  const minutes = Math.floor((s % 3600) / 60);
  return minutes ? `${Math.floor(s / 3600)} h ${minutes} min` : `${Math.floor(s / 3600)} h`;
}

/** "14:40:05" or "2:40:05 PM": a time of day in the reader's own zone and way of writing it. */
export const clockWords = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit', second: '2-digit' });

/** "about 1 minute", "about 4 minutes", "under a minute": an estimate, rounded as one would say it. */
export function estimateWords(seconds: number): string {
  if (seconds < 45) return 'under a minute';
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `about ${plural(minutes, 'minute')}`;
  return `about ${plural(Math.round(minutes / 60), 'hour')}`;
}

/** The parts of a queue's live line: "3 callers waiting", "longest 2 min 10 s", "2 of 5 agents free", …, "Open now". */
export function queueLiveParts(q: QueueLiveFigures): string[] {
  const parts = [q.waiting === 0 ? 'No callers waiting' : `${plural(q.waiting, 'caller')} waiting`];
  if (q.waiting > 0) parts.push(`longest ${waitWords(q.longestWaitSeconds)}`);
  parts.push(q.agentsSignedIn === 0 ? 'no agents signed in' : `${q.agentsAvailable} of ${plural(q.agentsSignedIn, 'agent')} free`);
  if (q.open && q.estimatedWaitSeconds !== null) parts.push(q.estimatedWaitSeconds === 0 ? 'new callers are answered at once' : `new callers wait ${estimateWords(q.estimatedWaitSeconds)}`);
  parts.push(q.open ? 'Open now' : 'Closed now');
  return parts;
}

/** The short line beside a queue's name in the list. */
export const queueShortLine = (q: QueueLiveFigures) => `${q.open ? 'Open' : 'Closed'} · ${q.waiting === 0 ? 'nobody waiting' : `${q.waiting} waiting`}`;

/** "Answer 80% of callers within 20 s". */
export const serviceLevelWords = ({ answerWithinSeconds, targetShare }: QueueLiveFigures['serviceLevel']) =>
  `Aim: answer ${Math.round(targetShare * 100)}% of callers within ${waitWords(answerWithinSeconds)}`;

/** Each live status's name and badge colour, as the agent desk's statuses are shown to a supervisor. */
export const agentStatusLooks = {
  available: { label: 'Available', color: 'green' },
  busy: { label: 'On a call', color: 'blue' },
  wrap_up: { label: 'Wrap-up', color: 'yellow' },
  away: { label: 'Away', color: 'orange' },
  offline: { label: 'Signed out', color: 'gray' },
} as const satisfies Record<AgentStatus, { label: string; color: string }>;

/** Each delivery state's name and colour; a failure is red so it stands out. */
export const deliveryLooks = {
  delivered: { label: 'Delivered', color: 'green' },
  failed: { label: 'Failed', color: 'red' },
  sending: { label: 'Sending', color: 'blue' },
} as const satisfies Record<WebhookDelivery['state'], { label: string; color: string }>;

/** What went wrong with a delivery, without network jargon; undefined when nothing did. */
export function deliveryProblemWords(d: WebhookDelivery): string | undefined {
  const e = d.lastError;
  if (!e) return undefined;
  const prefix = d.state === 'delivered' ? 'Arrived in the end, but an earlier try failed: ' : d.state === 'sending' ? 'Trying again shortly. ' : '';
  const words: Record<typeof e.code, string> = {
    webhook_network_error: 'Nothing answered at this address: the receiving system may be down, or the address may be wrong.',
    webhook_timeout: e.message,
    webhook_dns_failed: 'The web address could not be found: check its spelling.',
    webhook_url_refused: e.message,
    webhook_http_error: e.message,
  };
  return prefix + words[e.code];
}
