import { useState } from 'react';
import { Button, Group, Text } from '@mantine/core';
import type { RealPhrases } from '@baton/shared';
import { fetchJson } from '../api/fetchJson.ts';

/** Phrases added at a time: the ones most real callers said. */
const TAKEN = 10;
const DAYS = 30;

/**
 * "Add how real callers said it": the words real callers of the last 30 days were understood from, for this intent,
 * most said first, added to the persona's phrases (those it has already are skipped).
 */
export function RealPhrasesButton({ intent, phrases, onAdd }: { intent: string; phrases: readonly string[]; onAdd(phrases: string[]): void }) {
  const [note, setNote] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  async function add() {
    setLoading(true);
    setNote(null);
    try {
      const from = new Date(Date.now() - DAYS * 86_400_000).toISOString();
      const found = await fetchJson<RealPhrases>(`/api/analytics/phrases?${new URLSearchParams({ intent, from, limit: String(TAKEN * 2) })}`);
      const known = new Set(phrases.map((p) => p.trim().toLowerCase()));
      const fresh = found.phrases.map((p) => p.text).filter((text) => !known.has(text)).slice(0, TAKEN);
      if (fresh.length > 0) onAdd([...phrases, ...fresh]);
      setNote(
        found.phrases.length === 0
          ? `No real call in the last ${DAYS} days was understood as "${intent}".`
          : fresh.length === 0
            ? 'It already has every way real callers said it.'
            : `Added ${fresh.length} ${fresh.length === 1 ? 'phrase' : 'phrases'} real callers said. Save to keep them.`,
      );
    } catch (error) {
      setNote(`Real calls could not be read: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setLoading(false);
    }
  }

  return (
    <Group gap="xs" mt={4}>
      <Button size="compact-xs" variant="light" loading={loading} disabled={!intent.trim()} onClick={() => void add()}>
        Add how real callers said it
      </Button>
      {note && (
        <Text size="xs" role="status">
          {note}
        </Text>
      )}
    </Group>
  );
}
