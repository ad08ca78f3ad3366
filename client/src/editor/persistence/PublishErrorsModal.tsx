import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ConversationTestFailure, FlowIssue } from '@baton/shared';
import { IssueList } from './IssueList.tsx';

/** Why the server refused to publish: errors in the flow, or conversation tests that fail on the draft. */
export interface PublishRefusal {
  code: string;
  message: string;
  issues: unknown[];
}

/** Why the flow could not be published: the errors still in it, or the tests that fail. */
export function PublishErrorsModal({ refusal, close }: { refusal: PublishRefusal | null; close(): void }) {
  const testsFailed = refusal?.code === 'conversation_tests_failed';
  return (
    <Modal opened={refusal !== null} onClose={close} title={testsFailed ? 'Conversation tests fail, so nothing was published' : 'This flow cannot be published yet'} size="lg" centered>
      <Stack>
        {testsFailed ? (
          <>
            <Text>
              {refusal.issues.length === 1 ? 'One conversation test fails' : `${refusal.issues.length} conversation tests fail`} on this draft. Change the flow back, or update the test under Tests, then
              publish again.
            </Text>
            <ul className="issue-list">
              {(refusal.issues as ConversationTestFailure[]).map((failure) => (
                <li key={failure.id}>
                  <strong>{failure.name}</strong>
                  <ul>
                    {failure.expectations.map((e) => (
                      <li key={e.expectation}>{e.detail}</li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <>
            <Text>Fix these first (they are also listed under Issues):</Text>
            <IssueList issues={(refusal?.issues ?? []) as FlowIssue[]} />
          </>
        )}
        <Group justify="flex-end">
          <Button onClick={close}>OK</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
