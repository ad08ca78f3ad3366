import { useEffect, useState } from 'react';
import { Button, List, Text } from '@mantine/core';
import type { ConversationTestRun } from '@baton/shared';
import { currentDocument } from '../persistence/useFlowPersistence.tsx';
import { previewConversationTests } from '../tests/conversationTestsApi.ts';

type Check = { state: 'idle' } | { state: 'running' } | { state: 'done'; run: ConversationTestRun } | { state: 'failed'; message: string };

/**
 * What a trigger's level would do to the flow's conversation tests, run on the flow as it is in the editor (unsaved
 * changes included). A new level makes the last check stale, so it is cleared.
 */
export function ThresholdCheck({ level }: { level: number | undefined }) {
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  useEffect(() => setCheck({ state: 'idle' }), [level]);
  const run = async () => {
    const flow = currentDocument();
    if (!flow) return;
    setCheck({ state: 'running' });
    try {
      setCheck({ state: 'done', run: await previewConversationTests(flow) });
    } catch (error) {
      setCheck({ state: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <div className="threshold-check" aria-live="polite">
      <Button size="compact-xs" variant="light" mt={4} loading={check.state === 'running'} onClick={run}>
        Try this level on the flow’s tests
      </Button>
      {check.state === 'failed' && (
        <Text size="xs" c="red" mt={4}>
          Could not run the tests: {check.message}
        </Text>
      )}
      {check.state === 'done' && <CheckResult run={check.run} />}
    </div>
  );
}

/** A failed expectation's detail can list a whole path; the Tests tab has it in full. */
const shorter = (text: string) => (text.length > 160 ? `${text.slice(0, 157)}…` : text);

function CheckResult({ run }: { run: ConversationTestRun }) {
  const total = run.results.length;
  if (total === 0)
    return (
      <Text size="xs" c="dimmed" mt={4}>
        This flow has no conversation tests yet. In “Try it”, save a call as a test to check levels against it.
      </Text>
    );
  if (run.failed === 0)
    return (
      <Text size="xs" c="green.8" mt={4}>
        All {total} conversation tests pass at this level.
      </Text>
    );
  return (
    <>
      <Text size="xs" c="red.8" mt={4}>
        {run.failed} of {total} conversation tests would fail at this level:
      </Text>
      <List size="xs" spacing={2} mt={2}>
        {run.results
          .filter((r) => !r.passed)
          .map((r) => (
            <List.Item key={r.id}>
              {r.name} — {shorter(r.expectations.find((e) => !e.passed)?.detail ?? 'it no longer passes')}
            </List.Item>
          ))}
      </List>
    </>
  );
}
