import { useMemo, useState } from 'react';
import { Button, Group, Text, TextInput, Textarea } from '@mantine/core';
import { checkRule } from '@baton/shared';
import { QueryBuilder, type RuleGroupType } from 'react-querybuilder';
import 'react-querybuilder/dist/query-builder.css';
import './ruleField.css';
import { useEditorStore } from '../store/editorStore.ts';
import { slotNames } from '../store/slotNames.ts';
import { builderFields, celFromQuery, plainRuleError, queryFromCel } from './ruleBuilder.ts';

interface RuleFieldProps {
  /** The field path, for focusing it from an issue ("rule", "conditions.0.rule"). */
  field: string;
  label: string;
  description?: string;
  value: string;
  /** What the schema or compiler says about the rule, shown first. */
  error?: string;
  optional?: boolean;
  onChange(rule: string): void;
}


const slotsIn = (text: string) => [...text.matchAll(/slots\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);

/** A rule built by picking a value, a comparison and what to compare with; the rule text beside it is checked live and may be edited by hand. */
export function RuleField({ field, label, description, value, error, optional, onChange }: RuleFieldProps) {
  const flowSlots = useEditorStore(slotNames);
  const [extraSlots, setExtraSlots] = useState<string[]>([]);
  const [newSlot, setNewSlot] = useState('');
  // The builder's own query (it may hold rules not filled in yet) and the text it was made from or wrote.
  const [shown, setShown] = useState(() => ({ text: value, query: queryFromCel(value) }));
  let current = shown;
  if (shown.text !== value) {
    current = { text: value, query: queryFromCel(value) };
    setShown(current);
  }
  const slots = useMemo(
    () => [...new Set([...flowSlots.split(' ').filter(Boolean), ...slotsIn(value), ...extraSlots])],
    [flowSlots, value, extraSlots],
  );
  const fields = useMemo(() => builderFields(slots), [slots]);
  const check = value.trim() === '' ? null : checkRule(value);
  const liveError = check && !check.ok ? plainRuleError(check.message) : undefined;

  const fromBuilder = (query: RuleGroupType) => {
    const text = celFromQuery(query);
    setShown({ text, query });
    if (text !== value) onChange(text);
  };
  const addSlot = () => {
    const name = newSlot.trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || !current.query) return;
    setExtraSlots((s) => [...s, name]);
    setNewSlot('');
    fromBuilder({ ...current.query, rules: [...current.query.rules, { field: `slots.${name}`, operator: '=', value: '' }] });
  };

  return (
    <div className="rule-field" role="group" aria-label={label}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      {current.query ? (
        <div className="rule-field__builder">
          <QueryBuilder
            fields={fields}
            query={current.query}
            onQueryChange={fromBuilder}
            controlClassnames={{ queryBuilder: 'queryBuilder-branches' }}
            translations={{
              addRule: { label: '+ Add a comparison', title: 'Add a comparison' },
              addGroup: { label: '+ Add a group', title: 'Add a group of comparisons' },
              removeRule: { label: '×', title: 'Remove this comparison' },
              removeGroup: { label: '×', title: 'Remove this group' },
              fields: { title: 'What to check', placeholderLabel: '', placeholderName: '~', placeholderGroupLabel: '' },
              operators: { title: 'Comparison', placeholderLabel: '', placeholderName: '~', placeholderGroupLabel: '' },
              value: { title: 'Value' },
              combinators: { title: 'All or any' },
            }}
            combinators={[
              { name: 'and', label: 'all of these hold (and)' },
              { name: 'or', label: 'any of these holds (or)' },
            ]}
          />
          <Group gap="xs" align="flex-end" mt={4}>
            <TextInput
              size="xs"
              label="Compare a collected value"
              placeholder="its name, e.g. refund_amount"
              value={newSlot}
              onChange={(event) => setNewSlot(event.currentTarget.value)}
              onKeyDown={(event) => event.key === 'Enter' && addSlot()}
            />
            <Button size="xs" variant="light" onClick={addSlot} disabled={!/^[A-Za-z_][A-Za-z0-9_]*$/.test(newSlot.trim())}>
              Add
            </Button>
          </Group>
        </div>
      ) : (
        <Group gap="xs" className="rule-field__as-text">
          <Text size="sm" c="dimmed">
            Edited as text: the builder cannot show this rule, so the text below is what counts.
          </Text>
          <Button size="compact-xs" variant="subtle" onClick={() => fromBuilder({ combinator: 'and', rules: [] })}>
            Clear and use the builder
          </Button>
        </Group>
      )}
      <Textarea
        data-field={field}
        label="Rule"
        description={description ?? (optional ? 'Optional. Written by the builder above; you can also edit it here.' : 'Written by the builder above; you can also edit it here.')}
        autosize
        minRows={1}
        spellCheck={false}
        value={value}
        error={liveError ?? error}
        onChange={(event) => onChange(event.currentTarget.value)}
        classNames={{ input: 'rule-field__text' }}
      />
      {check?.ok && !error && (
        <Text size="xs" c="green.8" role="status">
          The rule checks out.
        </Text>
      )}
    </div>
  );
}
