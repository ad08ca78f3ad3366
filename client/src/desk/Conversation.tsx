import type { DeskLine } from '@baton/shared';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Alert, Button, Group, Text, Textarea } from '@mantine/core';
import { sendMessage } from './deskApi.ts';
import { formatTime } from './deskFormat.ts';

const MAX_MESSAGE = 2000;
/** How close to the bottom (px) still counts as "reading the newest lines", so new lines scroll into view. */
const NEAR_BOTTOM = 48;

/**
 * The live conversation of a connected call: what the caller and the agent said since the agent took it, newest at the
 * bottom, and the box the agent types into. The caller's side gets the agent's words as actions.
 */
export function Conversation({
  agentId,
  callId,
  lines,
  endedBy,
  transferredTo,
  onSent,
}: {
  agentId: string;
  callId: string;
  lines: DeskLine[];
  /** Who ended the call, once it has ended. */
  endedBy: 'caller' | 'agent' | 'handed_back' | 'transferred' | null;
  /** The queue this agent sent the call on to. */
  transferredTo?: string;
  onSent: (line: DeskLine) => void;
}) {
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const logRef = useRef<HTMLDivElement>(null);
  const nearBottom = useRef(true);
  const last = lines.at(-1);

  // Follow the newest line while the agent is at the bottom; an agent scrolled up to reread is not pulled away,
  // except by their own message.
  useEffect(() => {
    const log = logRef.current;
    if (!log || !(nearBottom.current || last?.from === 'agent')) return;
    log.scrollTop = log.scrollHeight;
    nearBottom.current = true;
  }, [lines.length, last?.from]);

  const ended = endedBy !== null;
  const canSend = !ended && !sending && text.trim().length > 0;

  const send = async () => {
    if (!canSend) return;
    const words = text.trim();
    setSending(true);
    setError(null);
    try {
      const { at } = await sendMessage(callId, agentId, words);
      setText('');
      onSent({ from: 'agent', text: words, at });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSending(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter sends, Shift+Enter starts a new line; Enter that finishes an accented or Asian-script word is left alone.
    if (e.key !== 'Enter' || e.shiftKey || e.nativeEvent.isComposing) return;
    e.preventDefault();
    void send();
  };

  return (
    <section className="desk-conversation" aria-labelledby={titleId}>
      <h3 id={titleId} className="desk-conversation__title">
        Conversation
      </h3>
      <div
        ref={logRef}
        className="desk-conversation__log"
        role="log"
        aria-label="Conversation with the caller"
        tabIndex={0}
        onScroll={(e) => {
          const log = e.currentTarget;
          nearBottom.current = log.scrollHeight - log.scrollTop - log.clientHeight < NEAR_BOTTOM;
        }}
      >
        {lines.length === 0 ? (
          <p className="desk-conversation__empty">
            {ended ? 'Nothing was said after you took the call.' : 'Nothing said yet since you took the call. Say hello — the caller is waiting for you.'}
          </p>
        ) : (
          <ol className="desk-conversation__lines">
            {lines.map((line, i) => (
              <li key={`${line.at}-${i}`} className={`desk-line desk-line--${line.from}`}>
                <span className="desk-line__who">
                  {line.from === 'caller' ? 'Caller' : 'You'} <time dateTime={line.at}>{formatTime(line.at)}</time>
                </span>
                <span className="desk-line__text">{line.text}</span>
              </li>
            ))}
          </ol>
        )}
      </div>

      {endedBy && (
        <Alert color="orange" role="status" title="Call ended" mt="sm">
          {endedBy === 'caller'
            ? 'The caller hung up. Finish the wrap-up.'
            : endedBy === 'handed_back'
              ? 'You handed the call back to the assistant. Finish the wrap-up.'
              : endedBy === 'transferred'
                ? `You transferred the call to ${transferredTo ?? 'another team'}. Finish the wrap-up.`
              : 'You hung up; the caller heard goodbye. Finish the wrap-up.'}
        </Alert>
      )}
      <form
        className="desk-conversation__compose"
        aria-label="Send a message"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <Textarea
          label="Message to the caller"
          description="Enter sends. Shift+Enter starts a new line."
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={onKeyDown}
          autosize
          minRows={2}
          maxRows={6}
          maxLength={MAX_MESSAGE}
          readOnly={sending}
          disabled={ended}
          error={text.length >= MAX_MESSAGE ? `A message can be at most ${MAX_MESSAGE} characters; send this one and go on in the next.` : undefined}
        />
        {error && (
          <Alert color="red" title="Could not send the message" mt="xs">
            {error}. Your text is still in the box; send it again.
          </Alert>
        )}
        <Group justify="space-between" mt="xs">
          <Text size="xs" c="dimmed">
            The caller gets your words as you send them.
          </Text>
          <Button type="submit" loading={sending} disabled={!canSend}>
            Send
          </Button>
        </Group>
      </form>
    </section>
  );
}
