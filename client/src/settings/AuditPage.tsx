import { useEffect, useState } from 'react';
import { Alert, Anchor, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { fetchJson } from '../api/fetchJson.ts';

interface AuditEntry {
  at: string;
  action: string;
  who?: string;
  flowId?: string;
  version?: number;
  publishedVersion?: number;
  subject?: string;
  changes?: Array<{ field: string; before?: unknown; after?: unknown }>;
  note?: string;
}

/** Each action in plain words. */
const actionNames: Record<string, string> = {
  create: 'Made a flow',
  update: 'Saved a flow',
  delete: 'Deleted a flow',
  publish: 'Published',
  rollback: 'Rolled back',
  publish_requested: 'Asked to publish',
  publish_declined: 'Declined a publish',
  sign_in: 'Signed in',
  sign_in_failed: 'Failed sign-in',
  sign_out: 'Signed out',
  user_added: 'Added a person',
  user_changed: 'Changed a person',
  user_removed: 'Removed a person',
  key_made: 'Made an access key',
  key_revoked: 'Revoked an access key',
  queue_changed: 'Changed a queue',
  webhook_changed: 'Changed a webhook',
  agent_changed: 'Changed an agent',
  number_changed: 'Changed a phone number',
};

/** Entries on one page of the table. */
const PAGE = 100;

const shown = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

/** The audit trail (/settings/audit, admins): who did what and when, filterable, and as a CSV file. */
export function AuditPage() {
  const [who, setWho] = useState('');
  const [action, setAction] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [result, setResult] = useState<{ entries: AuditEntry[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [page, setPage] = useState({ query: '', offset: 0 });
  const query = new URLSearchParams({ ...(who ? { who } : {}), ...(action ? { action } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) }).toString();
  // Other filters start again from the newest entries.
  const offset = page.query === query ? page.offset : 0;

  useEffect(() => {
    const controller = new AbortController();
    fetchJson<{ entries: AuditEntry[]; total: number }>(`/api/audit?${query}${query ? '&' : ''}limit=${PAGE}&offset=${offset}`, controller.signal).then(
      setResult,
      (e: unknown) => !controller.signal.aborted && setError(`Could not load the audit trail: ${e instanceof Error ? e.message : String(e)}.`),
    );
    return () => controller.abort();
  }, [query, offset]);

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Audit trail</Title>
        <Text c="dimmed">Who changed what and when: flows step by step, publishing, sign-ins, people, keys, queues, webhooks and phone numbers. Nothing here can be changed or removed.</Text>
      </div>
      {error && <Alert color="red">{error}</Alert>}
      <Paper withBorder p="md">
        <Group align="end" mb="md" wrap="wrap">
          <TextInput label="Who" placeholder="sign-in name or key" value={who} onChange={(e) => setWho(e.currentTarget.value)} />
          <NativeSelect label="What" value={action} onChange={(e) => setAction(e.currentTarget.value)} data={[{ value: '', label: 'Everything' }, ...Object.entries(actionNames).map(([value, label]) => ({ value, label }))]} />
          <TextInput label="From" type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
          <TextInput label="To" type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
          <Anchor href={`/api/audit?${query}${query ? '&' : ''}format=csv`} download>
            Download as CSV
          </Anchor>
        </Group>
        {!result ? (
          <Text role="status">Loading…</Text>
        ) : (
          <>
            <Group justify="space-between" mb="xs">
              <Text size="sm" c="dimmed" role="status">
                {result.total === 0
                  ? 'Nothing matches these filters.'
                  : result.total <= PAGE
                    ? `${result.total} ${result.total === 1 ? 'entry' : 'entries'}, newest first`
                    : `Entries ${offset + 1}–${offset + result.entries.length} of ${result.total}, newest first`}
              </Text>
              {result.total > PAGE && (
                <Group gap="xs">
                  <Button size="xs" variant="default" disabled={offset === 0} onClick={() => setPage({ query, offset: Math.max(0, offset - PAGE) })}>
                    Newer
                  </Button>
                  <Button size="xs" variant="default" disabled={offset + PAGE >= result.total} onClick={() => setPage({ query, offset: offset + PAGE })}>
                    Older
                  </Button>
                </Group>
              )}
            </Group>
            <Table striped aria-label="Audit trail">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Who</Table.Th>
                  <Table.Th>What</Table.Th>
                  <Table.Th>About</Table.Th>
                  <Table.Th>Changes</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.entries.map((e, i) => (
                  <Table.Tr key={`${e.at}-${i}`}>
                    <Table.Td>{new Date(e.at).toLocaleString()}</Table.Td>
                    <Table.Td>{e.who ?? 'Baton'}</Table.Td>
                    <Table.Td>{actionNames[e.action] ?? e.action}</Table.Td>
                    <Table.Td>
                      {e.flowId ? `${e.flowId}${e.publishedVersion ? ` v${e.publishedVersion}` : ''}` : (e.subject ?? '')}
                      {e.note && (
                        <Text size="xs" c="dimmed">
                          {e.note}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {(e.changes ?? []).slice(0, 6).map((c, j) => (
                        <Text size="xs" key={j}>
                          {c.field}: {shown(c.before)} → {shown(c.after)}
                        </Text>
                      ))}
                      {(e.changes?.length ?? 0) > 6 && (
                        <Text size="xs" c="dimmed">
                          and {e.changes!.length - 6} more (in the CSV)
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
      </Paper>
    </Stack>
  );
}
