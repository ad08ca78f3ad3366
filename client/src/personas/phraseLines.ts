/** A list of phrases edited as text, one per line; empty lines are dropped. */
export const linesOf = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

export const textOfLines = (lines: readonly string[]): string => lines.join('\n');
