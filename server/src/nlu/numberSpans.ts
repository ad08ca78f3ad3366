/** Where a number sits in a text, and its value. */
export interface Span {
  start: number;
  end: number;
  value: number;
}

const DIGITS = /\d+(?:,\d{3})*(?:\.\d+)?/g;
const UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const WORD_VALUES = new Map<string, number>([
  ...UNITS.map((w, i) => [w, i] as [string, number]),
  ...TENS.map((w, i) => [w, (i + 2) * 10] as [string, number]),
  ['hundred', 100],
  ['thousand', 1000],
]);
/** Every run of letters: each is looked up in WORD_VALUES (much faster than one regex of all the number words). */
const WORD = /[a-z]+/gi;
/** What may sit between two words of one number: "twenty-five", "two hundred and ten". */
const JOINER = /^[\s-]+(?:and[\s-]+)?$/i;

/** Numbers written in digits ("1,250", "3.5") or in simple words ("twenty five", "two hundred"). */
export function numberSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(DIGITS)) {
    spans.push({ start: m.index, end: m.index + m[0].length, value: Number(m[0].replaceAll(',', '')) });
  }
  spans.push(...wordNumbers(text));
  return spans.sort((a, b) => a.start - b.start);
}

interface OpenNumber {
  start: number;
  end: number;
  total: number;
  current: number;
  last: number;
}

/** Number words in a row form one number while they compose ("twenty five"), not when they list ("one two"). */
function wordNumbers(text: string): Span[] {
  const spans: Span[] = [];
  let open: OpenNumber | null = null;
  for (const m of text.matchAll(WORD)) {
    const word = WORD_VALUES.get(m[0].toLowerCase());
    if (word === undefined) continue;
    const joined = open !== null && JOINER.test(text.slice(open.end, m.index));
    if (open && (!joined || !composes(open.last, word))) {
      spans.push(closed(open));
      open = null;
    }
    open ??= { start: m.index, end: m.index, total: 0, current: 0, last: -1 };
    if (word === 100) open.current = (open.current || 1) * 100;
    else if (word === 1000) {
      open.total += (open.current || 1) * 1000;
      open.current = 0;
    } else open.current += word;
    open.end = m.index + m[0].length;
    open.last = word;
  }
  if (open) spans.push(closed(open));
  return spans;
}

const closed = (open: OpenNumber): Span => ({ start: open.start, end: open.end, value: open.total + open.current });

/** Whether `next` can follow `last` inside one number ("twenty" then "five", "two" then "hundred"). */
function composes(last: number, next: number): boolean {
  if (next >= 100) return last !== 0 && last < next;
  if (last >= 100) return true;
  return last >= 20 && next < 10 && next > 0;
}
