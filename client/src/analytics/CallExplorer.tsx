import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Checkbox, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { handoffCategories, type CallList, type CallListItem, type ConversationTest, type HandoffCategory, type HandoffFeedback, type RealCallReading, type ScriptedTurn, type TranscriptEntry } from '@baton/shared';
import { fetchJson } from '../api/fetchJson.ts';
import { useApi } from '../api/useApi.ts';
import { categoryNames } from '../editor/inspector/signalNames.ts';
import { createConversationTest } from '../editor/tests/conversationTestsApi.ts';
import { TurnNotesView } from '../editor/console/TurnNotes.tsx';

const PAGE = 50;
const ENDINGS: Record<string, string> = {
  resolved: 'Resolved',
  transferred: 'Went to a person',
  callback: 'Call back booked',
  abandoned: 'Caller hung up',
  abandoned_in_queue: 'Hung up waiting',
  ended_by_agent: 'Ended by the agent',
  ended_by_caller: 'Caller hung up on the agent',
  error: 'Ended by an error',
};
const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

export interface ExplorerFilter {
  /** A handoff category, "none" (finished by the assistant) or "" (any). */
  category: string;
  /** A version of the flow the calls ran on ("3", "draft"), or "" / absent (any). */
  version?: string;
  /** How the calls ended (a disposition), or "" / absent (any). */
  disposition?: string;
  /** What the agent said of the handoff in the wrap-up, or "" / absent (any). */
  feedback?: string;
}

/** What the agent said of the handoff, as the explorer says it. */
const FEEDBACK: Record<HandoffFeedback, string> = { needed: 'a person was needed', not_needed: 'a person was not needed', sooner: 'a person should have come sooner' };

/** A version as people say it. */
export const versionName = (version: string) => (version === 'draft' ? 'Test calls (draft)' : `Version ${version}`);

/** What `GET /api/calls/:id` says of a finished call. */
type CallRecordView = { transcript: TranscriptEntry[]; handoff: { at: string; reason: { category: HandoffCategory } } | null; state: { nodeId: string | null; status: string } | null };

/** A caller's turns as a conversation test replays them: what they said or pressed, up to the handoff. */
function callerTurns(call: CallRecordView): ScriptedTurn[] {
  const until = call.handoff?.at;
  return call.transcript.flatMap((line): ScriptedTurn[] => {
    if (line.from !== 'caller' || (until && line.at > until)) return [];
    const pressed = /^\(pressed ([0-9*# ]+)\)$/.exec(line.text);
    return [pressed ? { dtmf: pressed[1].replace(/ /g, '') } : { text: line.text.slice(0, 2000) }];
  });
}

/** One call opened: its conversation, and a form to keep it as a conversation test of its flow. */
function CallDetail({ item, onClose }: { item: CallListItem; onClose: () => void }) {
  const call = useApi((signal) => fetchJson<CallRecordView>(`/api/calls/${encodeURIComponent(item.callId)}`, signal), item.callId);
  const reading = useApi((signal) => fetchJson<RealCallReading>(`/api/analytics/calls/${encodeURIComponent(item.callId)}`, signal), `reading:${item.callId}`);
  const read = reading.status === 'ready' ? reading.data : null;
  // Each caller turn with the assistant, matched to its line by when it was said.
  const noticed = new Map((read?.turns ?? []).map((t) => [`${t.at}|${t.text}`, t]));
  // A handoff the agent said was not needed is an example to tune with: the test asks for what should have happened.
  const notNeeded = item.handoff !== null && item.handoffFeedback === 'not_needed';
  const [name, setName] = useState(`${notNeeded ? 'No person needed, said the agent' : 'Real call'} of ${when(item.startedAt)}: ${item.snippet.split(' / ')[0].slice(0, 80)}`);
  const [expectHandoff, setExpectHandoff] = useState(true);
  const [expectEnd, setExpectEnd] = useState(true);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const data = call.status === 'ready' ? call.data : null;
  const turns = data ? callerTurns(data) : [];
  const endsAt = !data?.handoff && data?.state?.status === 'ended' ? data.state.nodeId : null;

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!data) return;
    const expect: ConversationTest['expect'] = {};
    if (expectHandoff) expect.handoff = data.handoff && !notNeeded ? { category: data.handoff.reason.category } : null;
    if (expectEnd && endsAt) Object.assign(expect, { endsAt, status: 'ended' as const });
    try {
      setError(null);
      await createConversationTest(item.flowId, { name: name.trim(), turns, expect });
      setSaved(name.trim());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label="The call">
      <Group justify="space-between">
        <Title order={3} size="h4">
          Call of {when(item.startedAt)} to {item.flowId}
        </Title>
        <Button variant="subtle" onClick={onClose}>
          Close
        </Button>
      </Group>
      {call.status === 'error' && <Alert color="red">{call.message}</Alert>}
      <Group gap="md" mt={4}>
        <Anchor href={`/flows/${encodeURIComponent(item.flowId)}?call=${encodeURIComponent(item.callId)}`}>Show the way it went on the canvas</Anchor>
        {read && !read.reproduced && (
          <Text size="sm" c="dimmed">
            What Baton noticed is worked out again on the version the call ran on, which has changed since (or the call's words read differently now): take it as a guide.
          </Text>
        )}
      </Group>
      <ol className="analytics__transcript" aria-label="Conversation">
        {(data?.transcript ?? []).map((line, i) => {
          const turn = line.from === 'caller' ? noticed.get(`${line.at}|${line.text}`) : undefined;
          return (
            <li key={i}>
              <strong>{line.from === 'caller' ? 'Caller' : line.from === 'agent' ? 'Agent' : 'Assistant'}:</strong> {line.text}
              {turn && (
                <details className="analytics__noticed">
                  <summary>{turn.handoff ? `What Baton noticed — ${categoryNames[turn.handoff.category].toLowerCase()}` : 'What Baton noticed'}</summary>
                  <TurnNotesView signals={turn.signals} intent={null} handoff={turn.handoff} understood={turn.signals?.intent ? turn.signals.intent.replaceAll('_', ' ') : null} />
                </details>
              )}
            </li>
          );
        })}
      </ol>
      {data && turns.length > 0 && (
        <form onSubmit={save} aria-label="Keep as a conversation test">
          <Stack gap="xs" mt="md">
            <Title order={4} size="h5">
              Keep as a conversation test
            </Title>
            <Text size="sm" c="dimmed">
              The caller's {turns.length} {turns.length === 1 ? 'turn' : 'turns'}{data.handoff ? ' up to the handoff' : ''} are replayed against the flow; tick what must happen again.
            </Text>
            <TextInput label="Test name" value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={200} required />
            {notNeeded && (
              <Text size="sm" role="note">
                The agent said this caller did not need a person, so the test asks that the assistant keep the call. It fails on the version the
                call ran on until a rule is changed: run it after each change to see when the rules get it right.
              </Text>
            )}
            <Checkbox
              label={
                notNeeded
                  ? 'The call is not handed to a person (as the agent said)'
                  : data.handoff
                    ? `The call goes to a person because: ${categoryNames[data.handoff.reason.category].toLowerCase()}`
                    : 'The call is not handed to a person'
              }
              checked={expectHandoff}
              onChange={(e) => setExpectHandoff(e.currentTarget.checked)}
            />
            {endsAt && <Checkbox label={`The call ends at the same step (${endsAt.replace(/_/g, ' ')})`} checked={expectEnd} onChange={(e) => setExpectEnd(e.currentTarget.checked)} />}
            <Group>
              <Button type="submit" disabled={!name.trim() || Boolean(saved)}>
                Save the test
              </Button>
              {saved && (
                <Text size="sm" role="status">
                  Saved "{saved}". Open <Anchor href={`/flows/${encodeURIComponent(item.flowId)}`}>the flow</Anchor> and its Tests tab to run it.
                </Text>
              )}
            </Group>
            {error && <Alert color="red">{error}</Alert>}
          </Stack>
        </form>
      )}
    </Paper>
  );
}

/**
 * Finding real calls: by what the caller said, their number, why the call went to a person (or that it did not) and
 * its survey score, newest first; each opens to its conversation and can become a conversation test.
 */
export function CallExplorer({ flowId, versions, range, filter, onFilter }: { flowId: string; versions: string[]; range: { from: string; to: string }; filter: ExplorerFilter; onFilter(filter: ExplorerFilter): void }) {
  const [words, setWords] = useState('');
  const [phone, setPhone] = useState('');
  const [score, setScore] = useState('');
  const [asked, setAsked] = useState({ words: '', phone: '' });
  const [shown, setShown] = useState(PAGE);
  const [open, setOpen] = useState<CallListItem | null>(null);
  const params = new URLSearchParams({ ...range, limit: String(shown) });
  if (flowId) params.set('flowId', flowId);
  if (asked.words) params.set('q', asked.words);
  if (asked.phone) params.set('phone', asked.phone);
  if (filter.category) params.set('category', filter.category);
  if (flowId && filter.version) params.set('version', filter.version);
  if (filter.disposition) params.set('disposition', filter.disposition);
  if (filter.feedback) params.set('feedback', filter.feedback);
  if (score) params.set('score', score);
  const list = useApi((signal) => fetchJson<CallList>(`/api/analytics/calls?${params}`, signal), params.toString());

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label="Calls" mt="md">
      <Title order={2} size="h4" mb="xs">
        Calls
      </Title>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setShown(PAGE);
          setAsked({ words: words.trim(), phone: phone.trim() });
        }}
      >
        <Group align="flex-end" wrap="wrap" mb="sm">
          <TextInput label="Words the caller said" placeholder="e.g. charged twice" value={words} onChange={(e) => setWords(e.currentTarget.value)} w={220} maxLength={200} />
          <TextInput label="Caller's number" placeholder="+44…" value={phone} onChange={(e) => setPhone(e.currentTarget.value)} w={160} maxLength={40} />
          <Select
            label="Went to a person"
            w={230}
            data={[{ value: '', label: 'Any call' }, { value: 'none', label: 'No: the assistant finished it' }, { value: 'any', label: 'Yes, for any reason' }, ...handoffCategories.map((c) => ({ value: c, label: categoryNames[c] }))]}
            value={filter.category}
            onChange={(value) => onFilter({ ...filter, category: value ?? '' })}
            allowDeselect={false}
          />
          {flowId && versions.length > 0 && (
            <Select
              label="Version"
              w={180}
              data={[{ value: '', label: 'Any version' }, ...versions.map((v) => ({ value: v, label: versionName(v) }))]}
              value={filter.version ?? ''}
              onChange={(value) => onFilter({ ...filter, version: value ?? '' })}
              allowDeselect={false}
            />
          )}
 <Select
            label="How it ended"
            w={200}
            data={[{ value: '', label: 'Any way' }, ...Object.entries(ENDINGS).map(([value, label]) => ({ value, label }))]}
            value={filter.disposition ?? ''}
            onChange={(value) => onFilter({ ...filter, disposition: value ?? '' })}
            allowDeselect={false}
          />
          <Select
            label="The agent said"
            w={250}
            data={[{ value: '', label: 'Anything or nothing' }, ...Object.entries(FEEDBACK).map(([value, label]) => ({ value, label: label[0].toUpperCase() + label.slice(1) }))]}
            value={filter.feedback ?? ''}
            onChange={(value) => onFilter({ ...filter, feedback: value ?? '' })}
            allowDeselect={false}
          />
          <Select label="Survey score" w={120} data={[{ value: '', label: 'Any' }, ...['1', '2', '3', '4', '5'].map((s) => ({ value: s, label: s }))]} value={score} onChange={(value) => setScore(value ?? '')} allowDeselect={false} />
          <Button type="submit">Find calls</Button>
          <Anchor href={`/api/analytics/calls?${params}&format=csv`} download>
            Download as CSV
          </Anchor>
        </Group>
      </form>
      {list.status === 'error' && <Alert color="red">{list.message}</Alert>}
      {list.status === 'ready' && list.data.total === 0 && <Text c="dimmed">No call matches. Try fewer words or a longer period.</Text>}
      {list.status === 'ready' && list.data.total > 0 && (
        <>
          <Text size="sm" c="dimmed" mb={4}>
            {list.data.total} {list.data.total === 1 ? 'call matches' : 'calls match'}, newest first.
          </Text>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>How it ended</Table.Th>
                <Table.Th>Went to a person</Table.Th>
                <Table.Th>Score</Table.Th>
                <Table.Th>The caller said</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.calls.map((c) => (
                <Table.Tr key={c.callId}>
                  <Table.Td>{when(c.startedAt)}</Table.Td>
                  <Table.Td>{ENDINGS[c.disposition] ?? c.disposition.replace(/_/g, ' ')}</Table.Td>
                  <Table.Td>
                    {c.handoff ? categoryNames[c.handoff.category] : 'No'}
                    {c.handoffFeedback && (
                      <Text size="xs" c="dimmed">
                        The agent said {FEEDBACK[c.handoffFeedback]}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{c.surveyScore ?? '—'}</Table.Td>
                  <Table.Td>{c.snippet}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="light" onClick={() => setOpen(c)} aria-label={`Open the call of ${when(c.startedAt)}`}>
                      Open
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {list.data.total > list.data.calls.length && (
            <Button variant="subtle" mt="xs" onClick={() => setShown((n) => n + PAGE)}>
              Show more calls
            </Button>
          )}
        </>
      )}
      {open && (
        <div className="analytics__call">
          <CallDetail key={open.callId} item={open} onClose={() => setOpen(null)} />
        </div>
      )}
    </Paper>
  );
}
