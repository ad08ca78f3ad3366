import type { AnalyzedText } from '../nlu/Nlu.ts';
import { addWords, lexiconOf, REQUEST_ANCHOR } from './lexicon.ts';
import type { ExplicitRequestSignal } from './types.ts';

/** What the word lists find: a request phrase, or a negated one. A cue of the learned detector, which decides. */
export type RequestPhrase = Omit<ExplicitRequestSignal, 'probability'>;

// Hand-written: no maintained library detects a request for a human, let alone a negated one
// ("I don't need an agent"). It reads the tokens of analyzeText, where "don't" is already "do not".
// A request is a target ("agent", "a real person") reached from a request verb over small
// connecting words ("let me talk to a real person"), a short utterance of little but a target
// ("agent please"), or a transfer ("put me through"). A mere mention ("the agent told me…") is none.

/** Who a caller asks for. */
const TARGETS = new Set(['agent', 'agents', 'representative', 'rep', 'person', 'human', 'operator', 'manager', 'supervisor', 'advisor', 'adviser']);
/** Asked for only with a verb of talking ("talk to someone"): "I need someone to fix it" is no request for an agent. */
const VAGUE_TARGETS = new Set(['someone', 'somebody', 'anyone', 'anybody']);
const SERVICE = new Set(['service', 'services', 'support', 'care']);
const TALK_VERBS = new Set(['speak', 'speaking', 'talk', 'talking', 'chat', 'chatting', 'put', 'transfer', 'transferring', 'connect', 'connecting', 'reach', 'get']);
/** Present forms only: "I talked to an agent yesterday" reports, it does not ask. */
const REQUEST_VERBS = new Set([...TALK_VERBS, 'want', 'need', 'like', 'give', 'let', 'ask', 'asking', 'request', 'requesting', 'have', 'see', 'mind']);
/** "have" and "see" ask only as "can I have…", "could I see…". */
const MODAL_VERBS = new Set(['have', 'see']);
const MODALS = new Set(['can', 'could', 'may']);
const CONNECTORS = new Set(['to', 'with', 'a', 'an', 'the', 'some', 'me', 'us', 'through', 'over', 'for', 'real', 'live', 'actual', 'proper', 'human', 'your', 'one', 'of', 'please', 'just', 'now', 'right', 'straight', 'customer']);
/** What may stand between a negation and the verb it negates: "do not think I need". */
const NEGATION_BRIDGE = new Set(['do', 'does', 'did', 'am', 'is', 'are', 'was', 'really', 'even', 'actually', 'think', 'i', 'we', 'will', 'would', 'should', 'to', 'be', 'need', 'want']);
const FAR_NEGATORS = new Set(['not', 'never', 'without', 'dont', 'instead', 'rather']);
/** Words a short utterance may hold besides the target: "an agent please", "human now!". */
const BARE_FILLER = new Set(['a', 'an', 'the', 'please', 'now', 'just', 'real', 'live', 'actual', 'human', 'customer', 'hi', 'hello', 'ok', 'okay', 'yes', 'me', 'pls', 'plz', 'right', 'away']);
const BARE_MAX_TOKENS = 5;

/** "No, put me through": a leading no set off by punctuation answers the question before; it negates nothing after it. */
const ANSWERING_NO = /^\s*(no|nope|nah)\s*[,.!;:\u2013\u2014-]/i;
const NO_WORDS: ReadonlySet<string | undefined> = new Set(['no', 'nope', 'nah']);

// Every request (or refused request) has one of these words in it; a turn without any is looked at no further.
addWords([...TARGETS, ...VAGUE_TARGETS, 'customer', 'transfer', 'connect', 'put'], REQUEST_ANCHOR);

/** `lexicon`: what the signals know of each token (see lexicon.ts), when the turn's other signals read it too. */
export function explicitRequestOf(analyzed: AnalyzedText, lexicon: readonly number[] = lexiconOf(analyzed.tokens)): RequestPhrase {
  if (!lexicon.some((entry) => (entry & REQUEST_ANCHOR) !== 0)) return NOT_REQUESTED;
  const answersFirst = NO_WORDS.has(analyzed.tokens[0]) && ANSWERING_NO.test(analyzed.text);
  const tokens = answersFirst ? analyzed.tokens.slice(1) : analyzed.tokens;
  const bare = bareRequest(tokens);
  if (bare) return { requested: true, evidence: bare, negated: null };
  let evidence: string | null = null;
  let negated: string | null = null;
  for (let i = 0; i < tokens.length && evidence === null; i++) {
    const end = targetEnd(tokens, i);
    const found = end > 0 ? requestBefore(tokens, i, end, VAGUE_TARGETS.has(tokens[i])) : transferAt(tokens, i);
    if (!found) continue;
    if (found.negatedFrom === null) evidence = tokens.slice(found.start, found.end).join(' ');
    else negated ??= tokens.slice(found.negatedFrom, found.end).join(' ');
  }
  return evidence === null && negated === null ? NOT_REQUESTED : { requested: evidence !== null, evidence, negated };
}

/** Most turns ask for no one: they share one answer, frozen as every shared signal is. */
const NOT_REQUESTED: RequestPhrase = Object.freeze({ requested: false, evidence: null, negated: null });

/** End index of a target starting at `i`, or 0 when there is none. */
function targetEnd(tokens: readonly string[], i: number): number {
  const t = tokens[i];
  if (TARGETS.has(t) || VAGUE_TARGETS.has(t)) return i + 1;
  if (t === 'customer' && SERVICE.has(tokens[i + 1])) return i + 2;
  return 0;
}

interface Found {
  start: number;
  end: number;
  negatedFrom: number | null;
}

/** Walks back from the target over connectors and request verbs to where the request starts. */
function requestBefore(tokens: readonly string[], target: number, end: number, vague: boolean): Found | null {
  let start = -1;
  let talks = false;
  for (let j = target - 1; j >= 0; j--) {
    const t = tokens[j];
    if (REQUEST_VERBS.has(t)) {
      if (MODAL_VERBS.has(t) && !(tokens[j - 1] === 'i' && MODALS.has(tokens[j - 2]))) break;
      // "mind" only as in "never mind the agent", which the negation check then catches.
      if (t === 'mind' && tokens[j - 1] !== 'never') break;
      start = j;
      talks ||= TALK_VERBS.has(t);
    } else if (!CONNECTORS.has(t)) break;
  }
  if (start < 0 && tokens[target - 1] === 'no') return { start: target - 1, end, negatedFrom: target - 1 };
  // "someone I can talk to": the verb may follow the target.
  if (start < 0 || (vague && !talks)) {
    const after = tokens[end] === 'i' ? end : tokens[end + 1] === 'i' ? end + 1 : -1;
    if (after > 0 && (TALK_VERBS.has(tokens[after + 1]) || TALK_VERBS.has(tokens[after + 2])))
      return { start: target, end: after + 3, negatedFrom: null };
    if (start < 0 || vague) return null;
  }
  return { start, end, negatedFrom: negationBefore(tokens, start) };
}

/** "transfer me", "connect me", "put me through". */
function transferAt(tokens: readonly string[], i: number): Found | null {
  const t = tokens[i];
  const me = tokens[i + 1] === 'me' || tokens[i + 1] === 'us';
  if (!me || !(t === 'transfer' || t === 'connect' || (t === 'put' && tokens[i + 2] === 'through'))) return null;
  return { start: i, end: t === 'put' ? i + 3 : i + 2, negatedFrom: negationBefore(tokens, i) };
}

/** Index of the negation governing a request starting at `start`, or null. */
function negationBefore(tokens: readonly string[], start: number): number | null {
  const previous = tokens[start - 1];
  // "no need for a human", "no agent"; "no" further away usually answers something else ("no, I want an agent").
  if (previous === 'no') return start - 1;
  if (tokens[start] === 'mind') return previous === 'never' ? start - 1 : null;
  for (let j = start - 1; j >= 0 && j >= start - 4; j--) {
    const t = tokens[j];
    if (FAR_NEGATORS.has(t)) {
      // "why can't I talk to…" (can not i) asks; "I don't mind talking to…" accepts.
      const inverted = t === 'not' && (tokens[j + 1] === 'i' || tokens[j + 1] === 'you');
      return inverted || tokens[j + 1] === 'mind' ? null : j;
    }
    if (!NEGATION_BRIDGE.has(t)) return null;
  }
  return null;
}

/** A short utterance that is little but a target: "agent", "an agent please", "customer service". */
function bareRequest(tokens: readonly string[]): string | null {
  if (tokens.length === 0 || tokens.length > BARE_MAX_TOKENS) return null;
  let hasTarget = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (TARGETS.has(t) || t === 'someone' || t === 'somebody') hasTarget = true;
    else if (SERVICE.has(t) && tokens[i - 1] === 'customer') hasTarget = true;
    else if (!BARE_FILLER.has(t)) return null;
  }
  return hasTarget ? tokens.join(' ') : null;
}
