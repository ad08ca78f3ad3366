import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { FlowIssue } from '@baton/shared';
import { IssueList } from './IssueList.tsx';

/** Why the flow could not be published: the errors still in it. */
export function PublishErrorsModal({ issues, close }: { issues: FlowIssue[] | null; close(): void }) {
  return (
    <Modal opened={issues !== null} onClose={close} title="This flow cannot be published yet" size="lg" centered>
      <Stack>
        <Text>Fix these first (they are also listed under Issues):</Text>
        <IssueList issues={issues ?? []} />
        <Group justify="flex-end">
          <Button onClick={close}>OK</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
