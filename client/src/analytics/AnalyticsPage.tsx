import { useSession } from '../session/session.ts';
import { useState } from 'react';
import { Alert, Anchor, Button, Group, Paper, SegmentedControl, Select, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AnalyticsSummary } from '@baton/shared';
import { fetchFlow } from '../api/fetchFlow.ts';
import { fetchFlows } from '../api/fetchFlows.ts';
import { fetchJson } from '../api/fetchJson.ts';
import { useApi } from '../api/useApi.ts';
import { categoryNames, signalNames } from '../editor/inspector/signalNames.ts';
import './analytics.css';
import { CallExplorer, versionName, type ExplorerFilter } from './CallExplorer.tsx';
import { countChange, meanChange, previousPeriodName, rateChange, type PeriodChange } from './periodChange.ts';

const PERIODS = { today: 'Today', week: 'Last 7 days', month: 'Last 30 days' } as const;
type Period = keyof typeof PERIODS;

/** The period's bounds: from the start of today (local time) or 7 / 30 days back, to now. */
function bounds(period: Period): { from: string; to: string } {
  const to = new Date();
  const from = new Date(to);
  if (period === 'today') from.setHours(0, 0, 0, 0);
  else from.setDate(from.getDate() - (period === 'week' ? 7 : 30));
  return { from: from.toISOString(), to: to.toISOString() };
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const percent = (part: number, whole: number) => (whole > 0 ? `${Math.round((100 * part) / whole)}%` : '—');
const seconds = (s: number | null) => (s === null ? '—' : s < 60 ? `${Math.round(s)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`);

const arrows = { up: '▲', down: '▼', same: '=' } as const;

/** One headline figure: a big value, what it is, what it is of, and how it moved since the period before. */
function Figure({ label, value, detail, change, since, onShow }: { label: string; value: string; detail?: string; change?: PeriodChange | null; since?: string; onShow?: () => void }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={label}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
      {detail && <Text size="sm">{detail}</Text>}
      {change && since && (
        <Text size="sm" c="dimmed" className={`analytics__change analytics__change--${change.direction}`}>
          <span aria-hidden="true">{arrows[change.direction]} </span>
          {change.text} vs {since}
        </Text>
      )}
      {onShow && (
        <Button variant="subtle" size="compact-sm" px={0} onClick={onShow} aria-label={`Show these calls: ${label.toLowerCase()}`}>
          Show these calls
        </Button>
      )}
    </Paper>
  );
}

/**
 * Analytics of real calls (/analytics): over a period and for one flow or all, how many calls the assistant finished
 * and how many went to a person and why, where in the flow, how long callers waited, how agents wrapped up and what
 * callers scored. Figures come from the call log (GET /api/analytics/summary); CSV for a spreadsheet.
 */
export function AnalyticsPage() {
  // Someone who works on some flows reads one of theirs at a time (the server allows no other); others start with all.
  const theirFlows = useSession()?.user.flowIds;
  const [flowId, setFlowId] = useState<string>(() => new URLSearchParams(window.location.search).get('flow') ?? theirFlows?.[0] ?? '');
  const [period, setPeriod] = useState<Period>('week');
  const [range, setRange] = useState(() => bounds('week'));
  const [filter, setFilter] = useState<ExplorerFilter>({ category: '' });
  const show = (category: string, version = '', disposition = '', feedback = '') => () => {
    setFilter({ category, version, disposition, feedback });
    document.getElementById('analytics-calls')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };
  const flows = useApi((signal) => fetchFlows(signal), 'flows');
  const flow = useApi((signal) => (flowId ? fetchFlow(flowId, signal) : Promise.resolve(null)), `flow:${flowId}`);
  const query = new URLSearchParams({ ...range, ...(flowId ? { flowId } : {}) });
  const summary = useApi((signal) => fetchJson<AnalyticsSummary>(`/api/analytics/summary?${query}`, signal), query.toString());
  const s = summary.status === 'ready' ? summary.data : null;
  const p = s?.previous ?? { calls: 0, contained: 0, handedOver: 0, connected: 0, withinServiceLevel: 0, abandonedWaiting: 0, wrappedUp: 0, resolvedByAgent: 0, waitMeanSeconds: null, satisfactionMean: null };
  const since = s ? previousPeriodName(s.from, s.to) : '';
  // Steps and triggers by their names on the canvas, when one flow is chosen.
  const nodeName = (id: string | null) => {
    if (!id) return 'a path of the flow';
    const node = flow.status === 'ready' ? flow.data?.nodes.find((n) => n.id === id) : undefined;
    const label = node && typeof (node.data as { label?: unknown }).label === 'string' ? (node.data as { label: string }).label : '';
    return label || id.replace(/_/g, ' ');
  };

  return (
    <div className="analytics">
      <Title order={1}>Analytics</Title>
      <Text c="dimmed" mb="md">
        How real calls went: what the assistant finished, what went to a person and why, the waits, the agents' wrap-ups and the callers' scores.
      </Text>
      <Group align="flex-end" mb="md" wrap="wrap">
        <Select
          label="Flow"
          w={260}
          data={[...(theirFlows?.length ? [] : [{ value: '', label: 'All flows' }]), ...(flows.status === 'ready' ? flows.data.map((f) => ({ value: f.id, label: f.name })) : [])]}
          value={flowId}
          onChange={(value) => setFlowId(value ?? '')}
          allowDeselect={false}
        />
        <div>
          <Text size="sm" fw={500} mb={4} id="analytics-period">
            Period
          </Text>
          <SegmentedControl
            aria-labelledby="analytics-period"
            data={Object.entries(PERIODS).map(([value, label]) => ({ value, label }))}
            value={period}
            onChange={(value) => {
              setPeriod(value as Period);
              setRange(bounds(value as Period));
            }}
          />
        </div>
        <Anchor href={`/api/analytics/summary?${query}&format=csv`} download>
          Download as CSV
        </Anchor>
      </Group>

      {summary.status === 'error' && <Alert color="red" title="The figures could not be loaded">{summary.message} Reload the page to try again.</Alert>}
      {summary.status === 'loading' && (
        <p className="notice" role="status">
          Loading…
        </p>
      )}
      {s && s.calls === 0 && (
        <Alert color="gray" title="No calls in this period">
          No call {flowId ? 'to this flow ' : ''}finished in this period yet. Calls over the phone line or the call API show here once they end; test calls from the editor count too.
        </Alert>
      )}
      {s && s.calls > 0 && (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }} mb="md">
            <Figure label="Calls" value={String(s.calls)} detail={`${count(s.trend.points.length, s.trend.by === 'hour' ? 'hour' : 'day', s.trend.by === 'hour' ? 'hours' : 'days')} with calls`} change={countChange(s.calls, p.calls)} since={since} />
            <Figure label="Finished by the assistant" value={percent(s.contained, s.calls)} detail={`${s.contained} of ${s.calls} calls`} change={rateChange(s.contained, s.calls, p.contained, p.calls)} since={since} onShow={show('none')} />
            <Figure label="Handed to a person" value={percent(s.handedOver, s.calls)} detail={`${count(s.handedOver, 'call', 'calls')}${s.turnsBeforeHandoff === null ? '' : `, after ${count(s.turnsBeforeHandoff, 'caller turn', 'caller turns')} on average`}`} change={rateChange(s.handedOver, s.calls, p.handedOver, p.calls)} since={since} onShow={show('any')} />
            <Figure label={`Answered within ${s.serviceLevelSeconds} s`} value={percent(s.withinServiceLevel, s.connected)} detail={s.connected === 0 ? 'No call reached a person' : `of ${count(s.connected, 'call', 'calls')} a person took`} change={rateChange(s.withinServiceLevel, s.connected, p.withinServiceLevel, p.connected)} since={since} />
            <Figure label="Wait for a person" value={seconds(s.waitMeanSeconds)} detail={s.waitP90Seconds === null ? 'Nobody was connected' : `9 in 10 within ${seconds(s.waitP90Seconds)}`} change={meanChange(s.waitMeanSeconds, p.waitMeanSeconds, 0, ' s')} since={since} />
            <Figure label="Hung up while waiting" value={String(s.abandonedWaiting)} detail={`${percent(s.abandonedWaiting, s.handedOver)} of calls handed over`} change={rateChange(s.abandonedWaiting, s.handedOver, p.abandonedWaiting, p.handedOver)} since={since} onShow={s.abandonedWaiting > 0 ? show('', '', 'abandoned_in_queue') : undefined} />
            <Figure label="Resolved by the agent" value={percent(s.resolvedByAgent, s.wrappedUp)} detail={`${s.wrappedUp === 0 ? 'No wrap-ups yet' : count(s.wrappedUp, 'wrap-up', 'wrap-ups')}; callers had to repeat something in ${s.hadToRepeat}${s.askedAgain ? ` (${s.askedAgain} seen in what agents typed)` : ''}`} change={rateChange(s.resolvedByAgent, s.wrappedUp, p.resolvedByAgent, p.wrappedUp)} since={since} />
            <Figure label="Satisfaction" value={s.satisfactionMean === null ? '—' : `${s.satisfactionMean} of 5`} detail={`${count(s.surveyed, 'caller', 'callers')} answered the survey`} change={meanChange(s.satisfactionMean, p.satisfactionMean, 1, '')} since={since} />
          </SimpleGrid>

          <SimpleGrid cols={{ base: 1, md: 2 }} mb="md">
            <figure className="panel analytics__chart">
              <figcaption>Why calls went to a person</figcaption>
              {s.byCategory.length === 0 ? (
                <p>No call was handed to a person.</p>
              ) : (
                <ResponsiveContainer width="100%" height={80 + s.byCategory.length * 44}>
                  <BarChart data={s.byCategory.map((c) => ({ name: categoryNames[c.category] ?? c.category, calls: c.calls }))} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
                    <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                    <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
                    <YAxis type="category" dataKey="name" interval={0} tick={{ fontSize: 12 }} width={190} />
                    <Tooltip formatter={(value) => `${String(value)} calls`} />
                    <Bar dataKey="calls" name="Calls" fill="#c2255c" isAnimationActive={false} />
                  </BarChart>
                </ResponsiveContainer>
              )}
            </figure>
            <figure className="panel analytics__chart">
              <figcaption>Calls by {s.trend.by} (UTC)</figcaption>
              <ResponsiveContainer width="100%" height={240}>
                <BarChart data={s.trend.points.map((t) => ({ ...t, at: s.trend.by === 'hour' ? t.at.slice(11) : t.at.slice(5) }))} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="at" tick={{ fontSize: 12 }} />
                  <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
                  <Tooltip />
                  <Legend />
                  <Bar dataKey="contained" stackId="calls" name="Finished by the assistant" fill="#2f4bd8" isAnimationActive={false} />
                  <Bar dataKey="handedOver" stackId="calls" name="Handed to a person" fill="#c2255c" isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </figure>
          </SimpleGrid>

          {s.byCategory.length > 0 && (
            <Group gap="xs" mb="md" aria-label="Show the calls handed over for one reason">
              {s.byCategory.map((c) => (
                <Button key={c.category} variant="light" size="xs" onClick={show(c.category)}>
                  {`Show the ${c.calls} ${c.calls === 1 ? 'call' : 'calls'}: ${(categoryNames[c.category] ?? c.category).toLowerCase()}`}
                </Button>
              ))}
            </Group>
          )}
          {s.byTrigger.length > 0 && (
            <Paper withBorder p="md" radius="md" component="section" aria-label="Where calls went to a person">
              <Title order={2} size="h4" mb="xs">
                Where calls went to a person
              </Title>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>What handed it over</Table.Th>
                    <Table.Th>Noticed</Table.Th>
                    <Table.Th>At the step</Table.Th>
                    <Table.Th>Calls</Table.Th>
                    <Table.Th>Agents said not needed</Table.Th>
                    <Table.Th>Should have come sooner</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {s.byTrigger.map((t) => (
                    <Table.Tr key={`${t.triggerId}|${t.signal}|${t.fromNodeId}`}>
                      <Table.Td>{nodeName(t.triggerId)}</Table.Td>
                      <Table.Td>{t.signal === 'safety' ? 'The caller may be in danger' : (signalNames[t.signal as keyof typeof signalNames] ?? t.signal.replace(/_/g, ' '))}</Table.Td>
                      <Table.Td>{nodeName(t.fromNodeId)}</Table.Td>
                      <Table.Td>{t.calls}</Table.Td>
                      <Table.Td>{t.notNeeded}</Table.Td>
                      <Table.Td>{t.sooner}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {s.byTrigger.some((t) => t.notNeeded + t.sooner > 0) && (
                <Group gap="xs" mt="xs">
                  <Text size="sm" c="dimmed">
                    Calls agents judged are examples to tune the rules with: open one and keep it as a test of what should have happened.
                  </Text>
                  {(['not_needed', 'sooner'] as const).map((feedback) => {
                    const calls = s.byTrigger.reduce((sum, t) => sum + (feedback === 'not_needed' ? t.notNeeded : t.sooner), 0);
                    return calls > 0 ? (
                      <Button key={feedback} variant="light" size="xs" onClick={show('any', '', '', feedback)}>
                        {`Show the ${count(calls, 'call', 'calls')} ${feedback === 'not_needed' ? 'agents said did not need a person' : 'where a person should have come sooner'}`}
                      </Button>
                    ) : null;
                  })}
                </Group>
              )}
            </Paper>
          )}
          {flowId && s.byVersion.length > 0 && (
            <Paper withBorder p="md" radius="md" component="section" aria-label="By version" mt="md">
              <Title order={2} size="h4" mb="xs">
                By version
              </Title>
              <Text size="sm" c="dimmed" mb="xs">
                The same figures for each version the calls ran on, newest first, to see what a publish changed.
              </Text>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Version</Table.Th>
                    <Table.Th>Calls</Table.Th>
                    <Table.Th>Finished by the assistant</Table.Th>
                    <Table.Th>Handed to a person</Table.Th>
                    <Table.Th>Answered within {s.serviceLevelSeconds} s</Table.Th>
                    <Table.Th>Agents said not needed</Table.Th>
                    <Table.Th>Satisfaction</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {s.byVersion.map((v) => (
                    <Table.Tr key={`${v.flowId}|${v.version}`}>
                      <Table.Td>{versionName(v.version)}</Table.Td>
                      <Table.Td>{v.calls}</Table.Td>
                      <Table.Td>{percent(v.contained, v.calls)}</Table.Td>
                      <Table.Td>{percent(v.handedOver, v.calls)}</Table.Td>
                      <Table.Td>{percent(v.withinServiceLevel, v.connected)}</Table.Td>
                      <Table.Td>{v.notNeeded}</Table.Td>
                      <Table.Td>{v.satisfactionMean === null ? '—' : `${v.satisfactionMean} of 5`}</Table.Td>
                      <Table.Td>
                        <Button variant="subtle" size="compact-sm" onClick={show('', v.version)} aria-label={`Show the calls of ${versionName(v.version).toLowerCase()}`}>
                          Show these calls
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          )}
        </>
      )}
      <div id="analytics-calls">
        {s && s.calls > 0 && <CallExplorer flowId={flowId} versions={flowId ? s.byVersion.map((v) => v.version) : []} range={range} filter={filter} onFilter={setFilter} />}
      </div>
    </div>
  );
}
