import { Text } from '@mantine/core';
import { messageFields } from './MessageFields.tsx';
import type { KindFieldsProps } from './KindFieldsProps.ts';

const Messages = messageFields([
  { field: 'text', label: 'When someone can take the call', description: 'The only one that can tell the wait.' },
  { field: 'busyText', label: 'When nobody is free', description: 'Nobody with the skills is signed in, or the wait is longer than the queue allows. The transfer then takes its "no agent" path.', waitKnown: false },
  { field: 'closedText', label: 'When the team is closed', description: "Outside the queue's opening hours; {{queue.opensText}} says when it opens again.", waitKnown: false },
]);

/** One message per thing routing can expect for the transfer that follows. */
export function TransparencyFields(props: KindFieldsProps) {
  return (
    <>
      <Text size="xs" c="dimmed">
        Before saying anything, Baton checks the queue of the transfer that follows and says the one message that is true.
      </Text>
      <Messages {...props} />
    </>
  );
}
