import { Divider } from '@mantine/core';
import { DEFAULT_OFFER_TIMEOUT_SECONDS, type QueueSettings } from '@baton/shared';
import { QueueForm } from './QueueForm.tsx';
import { QueueLiveBadge } from './QueueLiveBadge.tsx';
import { QueueLiveCard } from './QueueLiveCard.tsx';
import { SettingsCard, SettingsListPage } from './SettingsListPage.tsx';
import { fetchQueues, type Draft } from './staffingApi.ts';
import { useLiveFigures } from './useLiveFigures.ts';
import { WebhookDeliveries } from './WebhookDeliveries.tsx';
import { WebhookForm } from './WebhookForm.tsx';

const weekday = [{ open: '09:00', close: '17:00' }];
const newQueue = (): QueueSettings => ({
  id: '',
  name: '',
  requiredSkills: [],
  businessHours: { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, weekly: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] }, holidays: [] },
  maxWaitSecondsBeforeCallback: 300,
  offerTimeoutSeconds: DEFAULT_OFFER_TIMEOUT_SECONDS,
  serviceLevel: { answerWithinSeconds: 20, targetShare: 0.8 },
});

/**
 * The queues calls are handed to (/settings/queues): who answers them, when they are open, and their webhook;
 * and, refreshed every 5 s, how each is doing right now.
 */
export function QueuesPage() {
  const live = useLiveFigures();
  const figuresOf = (queueId: string) => live.data?.queues.find((q) => q.queueId === queueId);
  return (
    <SettingsListPage<Draft<QueueSettings>>
      title="Queues"
      lead="When the AI hands a call over, it goes to a queue. Set who may answer each queue, when it is open, and how long callers should wait."
      oneItem="a queue"
      load={fetchQueues}
      describe={(q) => (q.requiredSkills.length ? `Skills: ${q.requiredSkills.join(', ')}` : 'Any agent')}
      badge={(q) => <QueueLiveBadge figures={figuresOf(q.id)} />}
      newItem={newQueue}
      cards={(queue, isNew, onSaved) =>
        isNew ? (
          <SettingsCard>
            <QueueForm key="new" queue={queue} isNew onSaved={onSaved} />
          </SettingsCard>
        ) : (
          <>
            <SettingsCard>
              <QueueLiveCard figures={figuresOf(queue.id)} error={live.error} />
            </SettingsCard>
            <SettingsCard>
              <QueueForm key={queue.id} queue={queue} isNew={false} onSaved={onSaved} />
            </SettingsCard>
            <SettingsCard>
              <WebhookForm key={queue.id} queueId={queue.id} queueName={queue.name} />
              <Divider my="md" />
              <WebhookDeliveries key={queue.id} queueId={queue.id} />
            </SettingsCard>
          </>
        )
      }
    />
  );
}
