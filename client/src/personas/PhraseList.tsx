import { useState } from 'react';
import { Textarea } from '@mantine/core';
import { linesOf, textOfLines } from './phraseLines.ts';

interface PhraseListProps {
  label: string;
  value: readonly string[];
  error?: string;
  onChange(phrases: string[]): void;
}

/** A list of phrases typed one per line; the text stays as typed (a new empty line included) while the list is kept up to date. */
export function PhraseList({ label, value, error, onChange }: PhraseListProps) {
  const [text, setText] = useState(() => textOfLines(value));
  return (
    <Textarea
      label={label}
      autosize
      minRows={2}
      value={text}
      error={error}
      onChange={(e) => {
        setText(e.currentTarget.value);
        onChange(linesOf(e.currentTarget.value));
      }}
    />
  );
}
