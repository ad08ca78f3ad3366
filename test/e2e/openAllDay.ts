import { alwaysOpen } from '../../server/src/routing/testRouting.ts';

/** Opens a queue around the clock through the API, so a browser test never depends on the hour it runs at. */
export async function openAllDay(serverUrl: string, queueId: string): Promise<void> {
  const url = `${serverUrl}/api/queues/${encodeURIComponent(queueId)}`;
  const read = await fetch(url);
  const queue = (await read.json()) as Record<string, unknown>;
  const headers = { 'Content-Type': 'application/json', 'If-Match': read.headers.get('ETag') ?? '' };
  const res = await fetch(url, { method: 'PUT', headers, body: JSON.stringify({ ...queue, businessHours: { ...alwaysOpen, holidays: [] } }) });
  if (!res.ok) throw new Error(`opening ${queueId} all day: ${res.status} ${await res.text()}`);
}
