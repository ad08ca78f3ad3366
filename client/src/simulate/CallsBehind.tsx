import { useEffect, useRef } from 'react';
import { Button, Group, Text } from '@mantine/core';

interface CallsBehindProps {
  title: string;
  calls: number[];
  onOpen(index: number): void;
  onClose(): void;
}

/** The simulated calls behind one figure (the first 50), each opening its transcript. */
export function CallsBehind({ title, calls, onOpen, onClose }: CallsBehindProps) {
  const section = useRef<HTMLElement>(null);
  // The figures that open this list sit far below it too (handoffs by step); bring the list to the person and move
  // the keyboard there, so a click (or Enter) visibly does something.
  useEffect(() => {
    const el = section.current;
    if (!el) return;
    el.scrollIntoView({ block: 'start', behavior: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
    el.focus({ preventScroll: true });
  }, [title, calls]);
  return (
    <section ref={section} tabIndex={-1} className="panel whatif-behind" aria-label={`Calls behind ${title}`}>
      <Group justify="space-between">
        <Text fw={600}>Calls behind “{title}”</Text>
        <Button size="compact-sm" variant="subtle" onClick={onClose}>
          Close
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {calls.length >= 50 ? 'The first 50.' : `${calls.length} call${calls.length === 1 ? '' : 's'}.`} Open one to read it.
      </Text>
      <Group gap={6} mt="xs">
        {calls.map((index) => (
          <Button key={index} size="compact-xs" variant="light" onClick={() => onOpen(index)}>
            Call {index + 1}
          </Button>
        ))}
      </Group>
    </section>
  );
}
