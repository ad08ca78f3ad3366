import { alwaysOpen } from '../../server/src/routing/testRouting.ts';

/** Opens a queue around the clock through the API, so a browser test never depends on the hour it runs at. */
export async function openAllDay(serverUrl: string, queueId: string): Promise<void> {
  const url = `${serverUrl}/api/queues/${encodeURIComponent(queueId)}`;
  const queue = (await (await fetch(url)).json()) as Record<string, unknown>;
  const res = await fetch(url, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...queue, businessHours: { ...alwaysOpen, holidays: [] } }) });
  if (!res.ok) throw new Error(`opening ${queueId} all day: ${res.status} ${await res.text()}`);
}
