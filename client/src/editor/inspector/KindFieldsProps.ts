import type { QueueConfig } from '@baton/shared';

/** What every kind's form section gets from the inspector. */
export interface KindFieldsProps {
  data: Record<string, unknown>;
  errors: Map<string, string>;
  set(field: string, value: unknown): void;
  /** The flow's queues (a transfer chooses one). */
  queues: QueueConfig[];
}

/** A text value from node data, or "" when it is not text. */
export const textOf = (value: unknown) => (typeof value === 'string' ? value : '');
