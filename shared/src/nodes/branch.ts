import { z } from 'zod';
import { defineNodeKind } from './defineNodeKind.ts';
import { labelSchema, portNameSchema, ruleSchema } from './common.ts';

export const conditionSchema = z.strictObject({
  /** Also the name of the output port taken when the rule holds. */
  id: portNameSchema,
  label: z.string().max(80).default(''),
  rule: ruleSchema.min(1, 'write the condition'),
});

export const branchData = z.strictObject({ label: labelSchema, conditions: z.array(conditionSchema).max(50) });

export const ELSE = 'else';

export const branch = defineNodeKind({
  kind: 'branch',
  label: 'Decide',
  description: 'Checks conditions in order and follows the first that holds, otherwise "else".',
  hasInput: true,
  waits: false,
  schema: branchData,
  defaults: { label: 'Decide', conditions: [] },
  ports: (d) => [...d.conditions.map((c) => c.id), ELSE],
  messages: () => [],
  rules: (d) => d.conditions.map((c, i) => ({ field: `conditions.${i}.rule`, rule: c.rule })),
  validate: (d, nodeId) => {
    const ids = d.conditions.map((c) => c.id);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i || id === ELSE);
    const issues = [];
    if (dup) issues.push({ code: 'duplicate_condition', severity: 'error' as const, nodeId, field: 'data.conditions', message: `Two conditions are called "${dup}" (or one uses the reserved name "else"); give each its own name.` });
    if (d.conditions.length === 0) issues.push({ code: 'branch_without_conditions', severity: 'warning' as const, nodeId, field: 'data.conditions', message: 'This decision has no conditions, so every call takes "else". Add a condition or replace the node.' });
    return issues;
  },
});
