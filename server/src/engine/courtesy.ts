/** Words that greet or thank. */
const COURTESY = new Set(['hello', 'hi', 'hiya', 'hey', 'morning', 'afternoon', 'evening', 'thanks', 'thank', 'cheers', 'ta']);
/** Words said around a greeting or thanks that add nothing ("hi there", "thank you very much", "hello, is anyone there?"). */
const AROUND = new Set([
  'good', 'there', 'you', 'very', 'much', 'so', 'a', 'lot', 'ok', 'okay', 'oh', 'um', 'uh', 'er', 'erm', 'hmm', 'well', 'and',
  'again', 'is', 'anyone', 'anybody', 'lovely', 'great',
]);

/**
 * Whether a caller's turn is only a greeting or thanks ("hello", "hi there", "good morning", "thanks very much"). An AI
 * step that does not take it as one of its intents asks its question again rather than saying it did not understand,
 * and the turn does not count as "not understood": a caller who says hello and then asks something the assistant
 * cannot answer has not been misunderstood twice (after two, the billing example offers a person).
 */
export function isCourtesy(tokens: readonly string[]): boolean {
  let greets = false;
  for (const t of tokens) {
    if (COURTESY.has(t)) greets = true;
    else if (!AROUND.has(t)) return false;
  }
  return greets;
}
