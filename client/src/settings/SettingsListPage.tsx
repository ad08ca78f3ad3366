import { useEffect, useState, type ReactNode } from 'react';
import { Button, NavLink, Paper, Text } from '@mantine/core';
import { ApiError } from '../api/fetchJson.ts';

interface Named {
  id: string;
  name: string;
}

interface SettingsListPageProps<T extends Named> {
  /** "Queues", "Agents": the page's heading and the list's name. */
  title: string;
  lead: string;
  /** "a queue", "an agent". */
  oneItem: string;
  load(signal: AbortSignal): Promise<T[]>;
  describe(item: T): string;
  /** Shown at the right of the item in the list, e.g. an agent's live status. */
  badge?(item: T): ReactNode;
  newItem(): T;
  /** The cards that edit one item; `onSaved` takes the stored item. */
  cards(item: T, isNew: boolean, onSaved: (stored: T) => void): ReactNode;
}

/** A settings page: the stored items on the left, the selected one's forms on the right, and a way to add one. */
export function SettingsListPage<T extends Named>({ title, lead, oneItem, load, describe, badge, newItem, cards }: SettingsListPageProps<T>) {
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Said once a new item is stored, since its form is replaced by the stored item's.
  const [added, setAdded] = useState<string | null>(null);
  // null: a new item being added.
  const [selected, setSelected] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (list) => {
        setItems(list);
        setSelected((s) => (s === undefined ? (list[0]?.id ?? null) : s));
      },
      (e: unknown) => !controller.signal.aborted && setError(e instanceof ApiError ? e.message : String(e)),
    );
    return () => controller.abort();
  }, [load]);
  const item = items?.find((i) => i.id === selected);

  function saved(stored: T) {
    if (!items) return;
    const known = items.some((i) => i.id === stored.id);
    setAdded(known ? null : `${stored.name} is added.`);
    setItems(known ? items.map((i) => (i.id === stored.id ? stored : i)) : [...items, stored].sort((a, b) => a.id.localeCompare(b.id)));
    setSelected(stored.id);
  }
  const select = (id: string | null) => {
    setSelected(id);
    setAdded(null);
  };

  const titleId = `${title.toLowerCase()}-title`;
  return (
    <section className="settings" aria-labelledby={titleId}>
      <div className="page-heading">
        <h1 id={titleId}>{title}</h1>
        <p className="page-heading__lead">{lead}</p>
      </div>
      {error && (
        <p className="notice notice--error" role="alert">
          Could not load the {title.toLowerCase()}: {error}. Check that the Baton server is running, then reload.
        </p>
      )}
      {items && (
        <div className="settings__layout">
          <nav aria-label={title}>
            {items.map((i) => (
              <NavLink key={i.id} label={i.name} description={describe(i)} rightSection={badge?.(i)} active={i.id === selected} onClick={() => select(i.id)} />
            ))}
            <Button variant="light" size="compact-sm" mt="sm" onClick={() => select(null)}>
              Add {oneItem}
            </Button>
          </nav>
          <div className="settings__forms">
            {added && (
              <Text c="green" role="status">
                {added}
              </Text>
            )}
            {selected === null && cards(newItem(), true, saved)}
            {item && cards(item, false, saved)}
            {selected !== null && !item && <Text>Choose {oneItem} on the left.</Text>}
          </div>
        </div>
      )}
    </section>
  );
}

/** One white card of a settings page. */
export const SettingsCard = ({ children }: { children: ReactNode }) => <Paper className="settings__card">{children}</Paper>;
