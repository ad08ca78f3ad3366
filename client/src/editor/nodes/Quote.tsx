/** Something said to the caller, shown as a quotation (as text, never HTML). */
export function Quote({ text, empty }: { text: unknown; empty: string }) {
  if (typeof text !== 'string' || !text.trim()) return <p className="flow-node__empty">{empty}</p>;
  return <p className="flow-node__quote">“{text}”</p>;
}
