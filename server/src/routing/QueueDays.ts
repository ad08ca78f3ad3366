import type { QueueSettings } from '@baton/shared';

/** One queue's calls on one day (its own calendar day, in its time zone), for the wallboard's service level. */
export interface QueueDay {
  /** YYYY-MM-DD in the queue's time zone. */
  day: string;
  answered: number;
  /** Answered within the queue's service-level goal (serviceLevel.answerWithinSeconds). */
  answeredWithinGoal: number;
  /** Callers who hung up while waiting. */
  abandoned: number;
}

/** Each queue's answered and abandoned calls today, counted as routing decides (so every instance counts the same). */
export class QueueDays {
  private readonly days = new Map<string, QueueDay>();

  snapshot(): Array<[string, QueueDay]> {
    return [...this.days].map(([queueId, day]) => [queueId, { ...day }]);
  }

  static fromSnapshot(days: Array<[string, QueueDay]> = []): QueueDays {
    const kept = new QueueDays();
    for (const [queueId, day] of days) kept.days.set(queueId, { ...day });
    return kept;
  }

  /** A call of the queue was answered `waitedMs` after it joined. */
  answered(queue: QueueSettings | undefined, queueId: string, waitedMs: number, at: number) {
    const day = this.dayOf(queue, queueId, at);
    day.answered++;
    if (queue && waitedMs <= queue.serviceLevel.answerWithinSeconds * 1000) day.answeredWithinGoal++;
  }

  /** A caller hung up while waiting in the queue. */
  abandoned(queue: QueueSettings | undefined, queueId: string, at: number) {
    this.dayOf(queue, queueId, at).abandoned++;
  }

  /** The queue's figures for its current day at `at` (zeros once its day has turned). */
  today(queue: QueueSettings | undefined, queueId: string, at: number): QueueDay {
    const day = localDay(queue, at);
    const kept = this.days.get(queueId);
    return kept?.day === day ? { ...kept } : { day, answered: 0, answeredWithinGoal: 0, abandoned: 0 };
  }

  /** The queue's counters for the day `at` falls on, started afresh when its day has turned. */
  private dayOf(queue: QueueSettings | undefined, queueId: string, at: number): QueueDay {
    const day = localDay(queue, at);
    let kept = this.days.get(queueId);
    if (kept?.day !== day) this.days.set(queueId, (kept = { day, answered: 0, answeredWithinGoal: 0, abandoned: 0 }));
    return kept;
  }
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) `at` falls on in the queue's time zone (UTC for a queue routing does not know). */
function localDay(queue: QueueSettings | undefined, at: number): string {
  const timeZone = queue?.businessHours.timeZone ?? 'UTC';
  let format = dayFormats.get(timeZone);
  if (!format) dayFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return format.format(at);
}
