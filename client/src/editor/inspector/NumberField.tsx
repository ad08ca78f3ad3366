import { useEffect, useState } from 'react';
import { NumberInput, Slider } from '@mantine/core';

interface NumberFieldProps {
  label: string;
  description?: string;
  value: unknown;
  min: number;
  max: number;
  step?: number;
  error?: string;
  onChange(value: number): void;
  /** For an optional number: called when the field is emptied. */
  onClear?(): void;
  /** Also show a slider over the range (thresholds an analyst tunes by feel). */
  slider?: boolean;
}

/** A number with its range. Half-typed text ("-", "0.") stays in the field; only whole numbers reach the flow. */
export function NumberField({ label, description, value, min, max, step = 1, error, onChange, onClear, slider }: NumberFieldProps) {
  const stored = typeof value === 'number' ? value : '';
  const [text, setText] = useState<string | number>(stored);
  useEffect(() => {
    // Undo, or another change from outside, replaces what is typed here.
    if (stored === '' ? onClear && text !== '' : Number(text) !== stored) setText(stored);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only an outside change to the stored number should reset the text
  }, [stored]);
  const input = (
    <NumberInput
      label={label}
      description={description}
      min={min}
      max={max}
      step={step}
      decimalScale={step < 1 ? 2 : 0}
      value={text}
      error={error}
      onChange={(next) => {
        setText(next);
        if (typeof next === 'number' && Number.isFinite(next)) onChange(next);
        else if (next === '' && onClear) onClear();
      }}
    />
  );
  if (!slider) return input;
  return (
    <>
      {input}
      <Slider
        mt={6}
        mb="xs"
        min={min}
        max={max}
        step={step}
        value={typeof text === 'number' ? text : typeof stored === 'number' ? stored : min}
        label={(v) => v}
        thumbLabel={`${label} (slider)`}
        // Only the end of a slide changes the flow, so one slide is one undo step.
        onChange={setText}
        onChangeEnd={onChange}
      />
    </>
  );
}
