import { useState, type FormEvent } from 'react';
import { Button, Group, Menu, Popover, SegmentedControl, SimpleGrid, Slider, Stack, Text, TextInput } from '@mantine/core';
import { intentLabel, type IntentDefinition } from '@baton/shared';
import { useEditorStore } from '../store/editorStore.ts';
import type { CallerTurn } from './testCallApi.ts';

/** Voice levels as the engine hears them (dB); what counts is the change against the caller's own first turns. */
const VOICE = { normal: -30, raised: -20, shouting: -12 } as const;
type Voice = keyof typeof VOICE;
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/** The examples of the AI step the call is at, to pick from instead of typing. */
function useExamples(nodeId: string): { intent: string; text: string }[] {
  const intents = useEditorStore((s) => {
    const node = s.nodes.find((n) => n.id === nodeId);
    return node?.type === 'ai' ? (node.data.intents as IntentDefinition[] | undefined) : undefined;
  });
  return (intents ?? []).flatMap((i) => i.examples.slice(0, 3).map((text) => ({ intent: intentLabel(i), text })));
}

/** What the person playing the caller can do: say something (how loudly, how clearly heard), press keys, stay silent. */
export function CallerControls({ nodeId, busy, onTurn }: { nodeId: string; busy: boolean; onTurn(turn: CallerTurn): void }) {
  const [text, setText] = useState('');
  const [voice, setVoice] = useState<Voice>('normal');
  const [clarity, setClarity] = useState(95);
  const examples = useExamples(nodeId);

  const say = (words: string) => {
    if (!words.trim()) return;
    onTurn({ text: words.trim(), loudnessDb: VOICE[voice], asrConfidence: clarity / 100 });
    setText('');
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    say(text);
  };
  // Keys pressed go together, as a phone's keypad sends them when the caller stops or presses #: an account number
  // is one answer, not eight.
  const [keyed, setKeyed] = useState('');
  const sendKeys = (event?: FormEvent) => {
    event?.preventDefault();
    const digits = keyed.replace(/#+$/, '');
    if (!digits) return;
    onTurn({ dtmf: digits });
    setKeyed('');
  };
  const press = (key: string) => (key === '#' ? sendKeys() : setKeyed((k) => k + key));

  return (
    <Stack gap="xs" className="console-controls">
      <form onSubmit={submit}>
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            flex={1}
            label="What the caller says"
            placeholder="e.g. I want to talk to a person"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            disabled={busy}
            data-autofocus
          />
          <Button type="submit" disabled={busy || !text.trim()}>
            Say it
          </Button>
        </Group>
      </form>
      <Group gap="xs">
        {examples.length > 0 && (
          <Menu position="bottom-start" withinPortal shadow="md" width={320}>
            <Menu.Target>
              <Button size="compact-sm" variant="light" disabled={busy}>
                Pick an example
              </Button>
            </Menu.Target>
            <Menu.Dropdown mah={300} style={{ overflowY: 'auto' }}>
              {examples.map((e, i) => (
                <Menu.Item key={i} onClick={() => say(e.text)}>
                  <Text size="sm">{e.text}</Text>
                  <Text size="xs" c="dimmed">
                    {e.intent}
                  </Text>
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        )}
        <Popover position="bottom" withinPortal shadow="md" trapFocus>
          <Popover.Target>
            <Button size="compact-sm" variant="light" disabled={busy}>
              Keypad
            </Button>
          </Popover.Target>
          <Popover.Dropdown>
            <form onSubmit={sendKeys}>
              <Stack gap={6} w={200}>
                <TextInput
                  label="Keys pressed"
                  description="Sent together, as a phone sends them; # sends too."
                  value={keyed}
                  onChange={(e) => setKeyed(e.currentTarget.value.replace(/[^0-9*#]/g, ''))}
                  inputMode="numeric"
                  autoComplete="off"
                />
                <SimpleGrid cols={3} spacing={6} verticalSpacing={6}>
                  {KEYS.map((key) => (
                    <Button key={key} variant="default" size="sm" onClick={() => press(key)} aria-label={`Press ${key}`} disabled={busy}>
                      {key}
                    </Button>
                  ))}
                </SimpleGrid>
                <Group gap={6} grow>
                  <Button type="submit" size="compact-sm" disabled={busy || !keyed}>
                    Send keys
                  </Button>
                  <Button variant="subtle" size="compact-sm" onClick={() => setKeyed('')} disabled={!keyed}>
                    Clear
                  </Button>
                </Group>
              </Stack>
            </form>
          </Popover.Dropdown>
        </Popover>
        <Button size="compact-sm" variant="light" disabled={busy} onClick={() => onTurn({ silence: true })}>
          Stay silent
        </Button>
      </Group>
      <div>
        <Text size="sm" fw={500}>
          Voice on the next turn
        </Text>
        <SegmentedControl
          size="xs"
          fullWidth
          value={voice}
          onChange={(v) => setVoice(v as Voice)}
          data={[
            { value: 'normal', label: 'Normal' },
            { value: 'raised', label: 'Raised' },
            { value: 'shouting', label: 'Shouting' },
          ]}
          aria-label="Voice on the next turn"
        />
      </div>
      <div>
        <Text size="sm" fw={500} id="clarity-label">
          How clearly the caller is heard: {clarity}%
        </Text>
        <Slider value={clarity} onChange={setClarity} min={0} max={100} step={5} label={(v) => `${v}%`} aria-labelledby="clarity-label" />
      </div>
    </Stack>
  );
}
