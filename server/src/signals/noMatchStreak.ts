/** How many caller turns in a row the AI has not understood: it grows at an AI node without an intent, resets when one is recognised, and holds elsewhere. */
export function noMatchStreakOf(previous: number, turn: { atAiNode: boolean; intent: string | null }): number {
  if (!turn.atAiNode) return previous;
  return turn.intent ? 0 : previous + 1;
}
