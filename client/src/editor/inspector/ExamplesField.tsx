import { useEffect, useState } from 'react';
import { Textarea } from '@mantine/core';

const toLines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

/** Example phrases, one per line, so pasting many lines adds many. Blank lines are kept while typing, dropped when stored. */
export function ExamplesField({ field, label, examples, error, onChange }: { field: string; label: string; examples: string[]; error?: string; onChange(examples: string[]): void }) {
  const [text, setText] = useState(examples.join('\n'));
  useEffect(() => {
    // Undo, or another change from outside, replaces what is typed here.
    if (toLines(text).join('\n') !== examples.join('\n')) setText(examples.join('\n'));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only an outside change to `examples` should reset the text
  }, [examples]);
  return (
    <Textarea
      data-field={field}
      label={label}
      description={`${examples.length} ${examples.length === 1 ? 'phrase' : 'phrases'}; one per line`}
      value={text}
      error={error}
      autosize
      minRows={3}
      maxRows={8}
      onChange={(event) => {
        setText(event.currentTarget.value);
        onChange(toLines(event.currentTarget.value));
      }}
    />
  );
}
