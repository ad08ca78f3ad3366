import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import type { ConversationTestOutcome, StoredConversationTest } from '@baton/shared';
import { ApiError } from '../../api/fetchJson.ts';
import { useEditorStore } from '../store/editorStore.ts';
import { deleteConversationTest, fetchConversationTests, runConversationTests } from './conversationTestsApi.ts';

/** What each expectation checks, in plain words. */
const expectationNames: Record<string, string> = {
  path: 'Goes through the expected steps',
  notPath: 'Avoids the steps it must not reach',
  endsAt: 'Ends at the expected step',
  status: 'Ends up where expected (AI, waiting, with a person, ended)',
  handoff: 'Handed to a person (or not) for the expected reason',
  heard: 'The caller hears the expected messages',
  slots: 'Keeps the expected details',
  'told before transfer': 'The caller is told why before any transfer',
};

const describeTurns = (test: StoredConversationTest) =>
  test.turns.map((t) => ('text' in t ? `"${t.text}"` : 'dtmf' in t ? `keys ${t.dtmf}` : 'silence')).join(', ');

/** The flow's conversation tests: listed, run one by one or all together, with what passed and what did not. */
export function ConversationTestsPanel({ flowId, saveFirst }: { flowId: string; saveFirst(): Promise<boolean> }) {
  const [tests, setTests] = useState<StoredConversationTest[] | null>(null);
  const [outcomes, setOutcomes] = useState<Map<string, ConversationTestOutcome>>(new Map());
  const [running, setRunning] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    const controller = new AbortController();
    fetchConversationTests(flowId, controller.signal).then(setTests, (e: unknown) => {
      if (!controller.signal.aborted) setError(e instanceof ApiError ? e.message : String(e));
    });
    return () => controller.abort();
  }, [flowId]);
  useEffect(load, [load]);

  async function run(testIds?: string[]) {
    setError(null);
    if (useEditorStore.getState().dirty && !(await saveFirst())) return;
    setRunning(testIds?.[0] ?? 'all');
    try {
      const run = await runConversationTests(flowId, testIds);
      setOutcomes((before) => new Map([...before, ...run.results.map((r): [string, ConversationTestOutcome] => [r.id, r])]));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setRunning(null);
    }
  }

  async function remove(test: StoredConversationTest) {
    if (!window.confirm(`Delete the test "${test.name}"?`)) return;
    await deleteConversationTest(flowId, test.id).catch((e: unknown) => setError(String(e)));
    load();
  }

  const failed = tests?.filter((t) => outcomes.get(t.id)?.passed === false).length ?? 0;
  const passed = tests?.filter((t) => outcomes.get(t.id)?.passed).length ?? 0;
  return (
    <section className="tests" aria-labelledby="tests-title">
      <h2 id="tests-title" className="editor-panel__title">
        Conversation tests
      </h2>
      <p className="inspector__description">Calls replayed against the draft. Every test must pass before the flow can be published. Save one from "Try it".</p>
      {error && (
        <Alert color="red" title="The tests did not run">
          {error}.
        </Alert>
      )}
      {tests === null && !error && <Text size="sm">Loading the tests…</Text>}
      {tests?.length === 0 && <Text size="sm">No tests yet. Play a call in "Try it" and save it as a test.</Text>}
      {tests && tests.length > 0 && (
        <Group justify="space-between" my="xs">
          <Text size="sm" role="status">
            {outcomes.size ? `${passed} passed, ${failed} failed of ${tests.length}` : `${tests.length} test${tests.length === 1 ? '' : 's'}`}
          </Text>
          <Button size="compact-sm" onClick={() => void run()} loading={running === 'all'}>
            Run all tests
          </Button>
        </Group>
      )}
      <Stack gap="xs" component="ul" className="tests__list">
        {tests?.map((test) => {
          const outcome = outcomes.get(test.id);
          return (
            <li key={test.id} className={`tests__item${outcome ? (outcome.passed ? ' is-passed' : ' is-failed') : ''}`} aria-label={test.name}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <div>
                  <Text size="sm" fw={600}>
                    {test.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {describeTurns(test)}
                  </Text>
                </div>
                {outcome && (
                  <Badge color={outcome.passed ? 'green' : 'red'} variant="light" className="tests__outcome">
                    {outcome.passed ? 'Passed' : 'Failed'}
                  </Badge>
                )}
              </Group>
              {outcome && (
                <ul className="tests__expectations" aria-label={`What ${test.name} checks`}>
                  {outcome.expectations.map((e) => (
                    <li key={e.expectation} className={e.passed ? 'is-passed' : 'is-failed'}>
                      <span aria-label={e.passed ? 'passed' : 'failed'}>{e.passed ? '✓' : '✗'}</span> {expectationNames[e.expectation] ?? e.expectation}
                      {!e.passed && <div className="tests__detail">{e.detail}</div>}
                    </li>
                  ))}
                </ul>
              )}
              <Group gap="xs" mt={4}>
                <Button size="compact-xs" variant="light" onClick={() => void run([test.id])} loading={running === test.id}>
                  Run
                </Button>
                <Button size="compact-xs" variant="subtle" color="red" onClick={() => void remove(test)}>
                  Delete
                </Button>
              </Group>
            </li>
          );
        })}
      </Stack>
    </section>
  );
}
