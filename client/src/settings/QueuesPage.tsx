import { useEffect, useState } from 'react';
import { Button, NavLink, Paper, Text } from '@mantine/core';
import type { QueueSettings } from '@baton/shared';
import { ApiError } from '../api/fetchJson.ts';
import { QueueForm } from './QueueForm.tsx';
import { fetchQueues } from './staffingApi.ts';
import { WebhookForm } from './WebhookForm.tsx';

const weekday = [{ open: '09:00', close: '17:00' }];
const newQueue = (): QueueSettings => ({
  id: '',
  name: '',
  requiredSkills: [],
  businessHours: { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, weekly: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] }, holidays: [] },
  maxWaitSecondsBeforeCallback: 300,
  serviceLevel: { answerWithinSeconds: 20, targetShare: 0.8 },
});

/** The queues calls are handed to (/settings/queues): who answers them, when they are open, and their webhook. */
export function QueuesPage() {
  const [queues, setQueues] = useState<QueueSettings[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Said once a new queue is stored, since its form is replaced by the stored queue's.
  const [added, setAdded] = useState<string | null>(null);
  // null: the new queue being added.
  const [selected, setSelected] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    const controller = new AbortController();
    fetchQueues(controller.signal).then(
      (list) => {
        setQueues(list);
        setSelected((s) => (s === undefined ? (list[0]?.id ?? null) : s));
      },
      (e: unknown) => !controller.signal.aborted && setError(e instanceof ApiError ? e.message : String(e)),
    );
    return () => controller.abort();
  }, []);
  const queue = queues?.find((q) => q.id === selected);

  function saved(stored: QueueSettings) {
    if (!queues) return;
    setAdded(queues.some((x) => x.id === stored.id) ? null : `${stored.name} is added.`);
    setQueues(queues.some((q) => q.id === stored.id) ? queues.map((q) => (q.id === stored.id ? stored : q)) : [...queues, stored].sort((a, b) => a.id.localeCompare(b.id)));
    setSelected(stored.id);
  }

  return (
    <section className="settings" aria-labelledby="queues-title">
      <div className="page-heading">
        <h1 id="queues-title">Queues</h1>
        <p className="page-heading__lead">When the AI hands a call over, it goes to a queue. Set who may answer each queue, when it is open, and how long callers should wait.</p>
      </div>
      {error && (
        <p className="notice notice--error" role="alert">
          Could not load the queues: {error}. Check that the Baton server is running, then reload.
        </p>
      )}
      {queues && (
        <div className="settings__layout">
          <nav aria-label="Queues">
            {queues.map((q) => (
              <NavLink key={q.id} label={q.name} description={q.requiredSkills.length ? `Skills: ${q.requiredSkills.join(', ')}` : 'Any agent'} active={q.id === selected} onClick={() => (setSelected(q.id), setAdded(null))} />
            ))}
            <Button variant="light" size="compact-sm" mt="sm" onClick={() => (setSelected(null), setAdded(null))}>
              Add a queue
            </Button>
          </nav>
          <div className="settings__forms">
            {added && (
              <Text c="green" role="status">
                {added}
              </Text>
            )}
            {selected === null && (
              <Paper className="settings__card">
                <QueueForm key="new" queue={newQueue()} isNew onSaved={saved} />
              </Paper>
            )}
            {queue && (
              <>
                <Paper className="settings__card">
                  <QueueForm key={queue.id} queue={queue} isNew={false} onSaved={saved} />
                </Paper>
                <Paper className="settings__card">
                  <WebhookForm key={queue.id} queueId={queue.id} queueName={queue.name} />
                </Paper>
              </>
            )}
            {selected !== null && !queue && <Text>Choose a queue on the left.</Text>}
          </div>
        </div>
      )}
    </section>
  );
}
