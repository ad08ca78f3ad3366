import { csrfHeaders } from '../api/csrf.ts';
import { useEffect, useState } from 'react';
import { ActionIcon, Button, Group, NativeSelect, Paper, Table, Text, TextInput } from '@mantine/core';
import { ApiError, fetchJson, sendJson } from '../api/fetchJson.ts';
import { fetchFlows } from '../api/fetchFlows.ts';
import { ifMatch } from '../api/ifMatch.ts';
import { SaveConflictDialog } from './SaveConflictDialog.tsx';

interface NumberBinding {
  number: string;
  flowId: string;
  updatedAt: string;
  version: number;
}

const numberUrl = (n: string) => `/api/numbers/${encodeURIComponent(n.trim())}`;

/** The number's binding as stored now, or undefined when it has none. */
async function fetchBinding(n: string): Promise<NumberBinding | undefined> {
  try {
    return await fetchJson<NumberBinding>(numberUrl(n));
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return undefined;
    throw e;
  }
}

const message = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

async function removeNumber(number: string) {
  // 204 has no body, so not through sendJson.
  const res = await fetch(`/api/numbers/${encodeURIComponent(number)}`, { method: 'DELETE', headers: csrfHeaders() });
  if (!res.ok && res.status !== 404) throw new ApiError(`the server answered with status ${res.status}`, res.status, 'http_error');
}

/** Phone numbers (/settings/numbers): which flow answers a call to each of the account's Twilio numbers. */
export function NumbersPage() {
  const [numbers, setNumbers] = useState<NumberBinding[] | null>(null);
  const [flows, setFlows] = useState<Array<{ id: string; name: string }>>([]);
  const [number, setNumber] = useState('');
  const [flowId, setFlowId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A choice of flow that met someone else's change (412), waiting for the person to say whose stays.
  const [conflict, setConflict] = useState<{ number: string; flowId: string } | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    Promise.all([fetchJson<NumberBinding[]>('/api/numbers', controller.signal), fetchFlows(controller.signal)]).then(
      ([list, flowList]) => {
        setNumbers(list);
        setFlows(flowList);
        setFlowId((f) => f || (flowList[0]?.id ?? ''));
      },
      (e: unknown) => !controller.signal.aborted && setError(`Could not load the phone numbers: ${message(e)}.`),
    );
    return () => controller.abort();
  }, []);

  async function change(run: () => Promise<NumberBinding[]>) {
    setBusy(true);
    setError(null);
    try {
      setNumbers(await run());
      return true;
    } catch (e) {
      setError(`Not saved: ${message(e)}.`);
      return false;
    } finally {
      setBusy(false);
    }
  }
  const withBinding = (stored: NumberBinding) => [...(numbers ?? []).filter((b) => b.number !== stored.number), stored].sort((a, b) => a.number.localeCompare(b.number));
  /** Over the version this page shows (none for a number it does not list); `version` to save over another one. */
  const bind = (n: string, f: string, version = numbers?.find((b) => b.number === n.trim())?.version) =>
    change(async () => {
      try {
        return withBinding(await sendJson<NumberBinding>(numberUrl(n), 'PUT', { flowId: f }, ifMatch(version)));
      } catch (e) {
        if (!(e instanceof ApiError && e.status === 412)) throw e;
        setConflict({ number: n.trim(), flowId: f });
        throw new ApiError('someone else changed this number first; choose which version to keep', 412, e.code);
      }
    });
  const loadTheirVersion = async () => {
    const pending = conflict!;
    await change(async () => {
      const theirs = await fetchBinding(pending.number);
      return theirs ? withBinding(theirs) : (numbers ?? []).filter((b) => b.number !== pending.number);
    });
    setConflict(null);
  };
  const keepMine = async () => {
    const pending = conflict!;
    setConflict(null);
    const theirs = await fetchBinding(pending.number).catch(() => undefined);
    await bind(pending.number, pending.flowId, theirs?.version);
  };
  const unbind = (n: string) =>
    change(async () => {
      await removeNumber(n);
      return (numbers ?? []).filter((b) => b.number !== n);
    });
  const flowName = (id: string) => flows.find((f) => f.id === id)?.name ?? `${id} (deleted)`;
  const options = flows.map((f) => ({ value: f.id, label: f.name }));
  // Behind a proxy the address Twilio must use may differ; this is the one the browser reached Baton at.
  const publicOrigin = window.location.origin;

  return (
    <section className="settings" aria-labelledby="numbers-title">
      <SaveConflictDialog what="phone number" open={conflict !== null} close={() => setConflict(null)} loadTheirVersion={loadTheirVersion} keepMine={keepMine} />
      <h1 id="numbers-title">Phone numbers</h1>
      <Text c="dimmed" mb="xs">
        Which flow answers a call to each of your Twilio numbers. Numbers not listed here are answered by the default flow, if your administrator set one.
      </Text>
      <Text size="sm" mb="md">
        In Twilio, set each number’s “A call comes in” webhook to <code>{publicOrigin}/twilio/voice</code> and its status callback to{' '}
        <code>{publicOrigin}/twilio/status</code> (both HTTP POST).
      </Text>
      {error && (
        <Text c="red" role="alert" mb="sm">
          {error}
        </Text>
      )}
      <Paper withBorder p="md">
        {numbers === null && !error && <Text role="status">Loading…</Text>}
        {numbers?.length === 0 && <Text>No number has a flow yet.</Text>}
        {numbers && numbers.length > 0 && (
          <Table aria-label="Numbers and their flows">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Number</Table.Th>
                <Table.Th>Answered by</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {numbers.map((b) => (
                <Table.Tr key={b.number}>
                  <Table.Td>{b.number}</Table.Td>
                  <Table.Td>
                    <NativeSelect aria-label={`Flow for ${b.number}`} data={options.some((o) => o.value === b.flowId) ? options : [{ value: b.flowId, label: flowName(b.flowId) }, ...options]} value={b.flowId} disabled={busy} onChange={(e) => void bind(b.number, e.currentTarget.value)} />
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon variant="subtle" color="red" aria-label={`Remove ${b.number}`} disabled={busy} onClick={() => void unbind(b.number)}>
                      ×
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group mt="md" align="end">
          <TextInput label="Number" description="International format, e.g. +442071234567" value={number} onChange={(e) => setNumber(e.currentTarget.value)} />
          <NativeSelect label="Flow" data={options} value={flowId} onChange={(e) => setFlowId(e.currentTarget.value)} />
          <Button loading={busy} disabled={!number.trim() || !flowId} onClick={() => void bind(number, flowId).then((ok) => ok && setNumber(''))}>
            Add number
          </Button>
        </Group>
      </Paper>
    </section>
  );
}
