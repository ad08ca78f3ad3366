/**
 * Card numbers, security codes and bank details masked out of what a caller (or an agent) says before Baton keeps or
 * passes on a word of it: transcripts, the briefing, the call log, webhooks and the language model's prompts all see
 * the masked words. A contact center's assistant has no use for them, and a briefing once showed a card number.
 *
 * Hand-written rather than a library: the rules are a Luhn check over digit runs and a few labelled patterns, and the
 * masking must keep the rest of the sentence exactly as said (the detectors read it).
 */

/** Digits in groups separated by one space, dash or dot ("4111 1111 1111 1111", "4111-1111-1111-1111"). */
const DIGIT_RUN = /\d+(?:[ .-]\d+)*/g;
const SECURITY_CODE = /\b(cvv2?|cvc2?|cid|csc|security code|security number|verification code|3[ -]digit code|three[ -]digit code)\b((?:\s*(?:is|it's|its|was|number|code|:|-))*)\s*(\d{3,4})\b/gi;
const IBAN = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b/g;
const SORT_CODE = /\b(sort code)((?:\s*(?:is|it's|its|was|:))*)\s*(\d{2}[ -]?\d{2}[ -]?\d{2})\b/gi;
const BANK_ACCOUNT_AFTER_SORT_CODE = /\b(account(?: number)?)((?:\s*(?:is|it's|its|was|:))*)\s*(\d{6,10})\b/gi;
const ROUTING_NUMBER = /\b(routing number|routing|aba number|aba)((?:\s*(?:is|it's|its|was|:))*)\s*(\d{9})\b/gi;

/** Passes the Luhn check every payment card number passes. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** An IBAN's own check (ISO 13616: mod 97 of the rearranged digits is 1). */
function isIban(text: string): boolean {
  const s = text.replace(/ /g, '');
  if (s.length < 15 || s.length > 34) return false;
  const rearranged = s.slice(4) + s.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ch >= 'A' && ch <= 'Z' ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 48;
    remainder = Number(`${remainder}${value}`) % 97;
  }
  return remainder === 1;
}

/**
 * Within a run of digit groups, the longest stretch of whole groups that is a card number (13 to 19 digits that pass
 * the Luhn check), as [first group, last group]; a card number said with the security code after it is still found.
 */
function cardWithin(groups: string[]): [number, number] | null {
  let best: [number, number] | null = null;
  for (let i = 0; i < groups.length; i++) {
    let digits = '';
    for (let j = i; j < groups.length; j++) {
      digits += groups[j];
      if (digits.length > 19) break;
      if (digits.length >= 13 && passesLuhn(digits) && (!best || j - i > best[1] - best[0])) best = [i, j];
    }
  }
  return best;
}

function maskCards(text: string): string {
  return text.replace(DIGIT_RUN, (run) => {
    const groups = run.split(/[ .-]/);
    const separators = run.match(/[ .-]/g) ?? [];
    const card = cardWithin(groups);
    if (!card) return run;
    const [from, to] = card;
    const number = groups.slice(from, to + 1).join('');
    const join = (a: number, b: number) => groups.slice(a, b).map((g, k) => (k === 0 ? g : `${separators[a + k - 1]}${g}`)).join('');
    const before = from > 0 ? `${join(0, from)}${separators[from - 1]}` : '';
    const after = to < groups.length - 1 ? `${separators[to]}${join(to + 1, groups.length)}` : '';
    return `${before}[card number ending ${number.slice(-4)}]${after}`;
  });
}

/** `text` with card numbers, security codes, IBANs, sort codes (and the account number said with one) and routing numbers masked. */
export function maskPersonalData(text: string): string {
  // Most turns have no digit at all: nothing to mask.
  if (!/\d/.test(text)) return text;
  let masked = maskCards(text);
  masked = masked.replace(SECURITY_CODE, (_m, label: string, glue: string) => `${label}${glue} [security code]`);
  masked = masked.replace(IBAN, (iban) => (isIban(iban) ? '[bank account]' : iban));
  if (SORT_CODE.test(masked)) {
    SORT_CODE.lastIndex = 0;
    masked = masked.replace(SORT_CODE, (_m, label: string, glue: string) => `${label}${glue} [sort code]`);
    masked = masked.replace(BANK_ACCOUNT_AFTER_SORT_CODE, (_m, label: string, glue: string) => `${label}${glue} [bank account number]`);
  }
  masked = masked.replace(ROUTING_NUMBER, (_m, label: string, glue: string) => `${label}${glue} [routing number]`);
  return masked;
}
