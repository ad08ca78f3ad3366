/**
 * How many caller turns in a row the AI has not understood: it grows at an AI node without an intent, resets when one
 * is recognised, and holds elsewhere, and for a greeting or thanks (see isCourtesy), which is not misunderstood.
 */
export function noMatchStreakOf(previous: number, turn: { atAiNode: boolean; intent: string | null; courtesy?: boolean }): number {
  if (!turn.atAiNode) return previous;
  if (turn.intent) return 0;
  return turn.courtesy ? previous : previous + 1;
}
