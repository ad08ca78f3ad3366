import { expect } from 'vitest';

export type SseEvent = { type: string; data: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Opens a server-sent event stream and collects its events; `next` waits for the first of a type not yet taken.
 * `controllers` collects the stream's abort controller so the test can close it afterwards.
 */
export async function openEventStream(url: string, controllers: AbortController[]) {
  const controller = new AbortController();
  controllers.push(controller);
  const res = await fetch(url, { signal: controller.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const events: SseEvent[] = [];
  const waiters: Array<() => void> = [];
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body!) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const type = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (type && data) events.push({ type, data: JSON.parse(data) });
          for (const wake of waiters.splice(0)) wake();
        }
      }
    } catch {
      // Aborted at the end of the test.
    }
  })();
  const taken = new Set<SseEvent>();
  async function next(type: string, withinMs = 4000): Promise<SseEvent> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      const found = events.find((e) => e.type === type && !taken.has(e));
      if (found) {
        taken.add(found);
        return found;
      }
      if (Date.now() > deadline) throw new Error(`no ${type} event within ${withinMs} ms; got ${events.map((e) => e.type).join(', ')}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }
  return { events, next };
}


/** What a call's stream update does, in order: the words said, then `(hangup)`. */
export const heard = (u: SseEvent) => (u.data.actions as Array<{ type: string; text?: string }>).flatMap((a) => (a.type === 'say' ? [a.text] : a.type === 'hangup' ? ['(hangup)'] : []));
