import { nodeKinds, type NodeKind } from '@baton/shared';

/** The kind's zod schema's complaints about `data`, keyed by field path ("text", "intents.0.name"). */
export function fieldErrors(kind: NodeKind, data: Record<string, unknown>): Map<string, string> {
  const result = nodeKinds[kind].schema.safeParse(data);
  const errors = new Map<string, string>();
  if (!result.success) for (const issue of result.error.issues) errors.set(issue.path.join('.'), issue.message);
  return errors;
}
