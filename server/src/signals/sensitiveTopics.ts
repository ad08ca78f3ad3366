import type { SensitiveTopic } from '@baton/shared';
import type { AnalyzedText } from '../nlu/Nlu.ts';
import { analyzeText } from '../nlu/analyzeText.ts';
import { PhraseIndex } from './PhraseIndex.ts';
/** What the word lists find: listed sensitive phrases, and the flow's own keywords. A cue of the learned detector. */
export interface SensitivePhrases {
  topics: Array<{ topic: SensitiveTopic; evidence: string }>;
  keywords: string[];
}

// Phrases go through analyzeText like the caller's words, so write them as a caller would say them:
// "didn't" becomes "did not", plurals and tenses meet at the stem ("funerals", "diagnosed").
const LEXICON: Record<SensitiveTopic, readonly string[]> = {
  fraud: [
    'fraud', 'fraudulent', 'fraudster', 'stolen card', 'card was stolen', 'card stolen', 'someone used my card',
    'unauthorized transaction', 'unauthorised transaction', 'unauthorized payment', 'unauthorised payment',
    'unauthorized charge', 'unauthorised charge', 'identity theft', 'stole my identity', 'scam', 'scammed',
    'scammer', 'hacked', 'phishing', "didn't make this purchase", "didn't make this payment",
    "didn't authorise", "didn't authorize", "don't recognise this transaction", "don't recognize this payment",
    'stole my card', 'stolen my card', 'card has been stolen', "payment i didn't make", "charge i didn't make",
    "transaction i didn't make", "purchase i didn't make", "charge i don't recognise", "charge i don't recognize",
    "payment i don't recognise", "payment i don't recognize", "transaction i don't recognise", "transaction i don't recognize",
    "on my card i didn't make", "on my account i didn't make", "on my statement i didn't make",
  ],
  bereavement: [
    // Not a bare "died": on a support line, phones and routers die too.
    'passed away', 'has died', 'who died', 'died recently', 'husband died', 'wife died', 'mother died',
    'father died', 'mum died', 'dad died', 'son died', 'daughter died', 'partner died', 'death in the family', 'funeral', 'deceased', 'widow', 'widowed',
    'widower', 'bereavement', 'bereaved', 'lost my husband', 'lost my wife', 'lost my mother', 'lost my father',
    'lost my mum', 'lost my dad', 'lost my son', 'lost my daughter', 'lost my partner', 'late husband',
    'late wife', 'probate', 'death certificate',
  ],
  legal_threat: [
    // Not a bare "sue", which is also a name.
    'lawyer', 'solicitor', 'attorney', 'will sue', 'going to sue', 'sue you', 'sue your', 'suing', 'lawsuit',
    'legal action', 'legal proceedings', 'court', 'ombudsman', 'small claims', 'trading standards', 'regulator',
  ],
  medical: [
    'hospital', 'hospitalised', 'hospitalized', 'surgery', 'cancer', 'diagnosis', 'diagnosed', 'medication',
    'chemotherapy', 'chemo', 'disability', 'disabled', 'sick', 'illness', 'terminally ill', 'seriously ill',
    'intensive care', 'heart attack', 'stroke', 'dementia',
  ],
  vulnerability: [
    "can't afford to eat", "can't afford food", 'suicidal', 'suicide', 'kill myself', 'end my life', 'homeless',
    'abuse', 'abusive', 'domestic violence', 'carer', 'mental health', 'depression', 'struggling to cope',
    "can't cope", 'debt collectors', 'bailiffs', 'food bank', 'vulnerable', 'financial hardship',
  ],
  complaint: [
    'formal complaint', 'make a complaint', 'file a complaint', 'complaint', 'complain', 'escalate', 'escalation',
    'unacceptable service', 'unacceptable',
  ],
};

/** Everyday idioms that borrow a lexicon word: "sick of waiting" is frustration, not illness. */
const IDIOMS = ['sick of', 'sick and tired', 'sick to death', 'bored to death', 'scared to death', 'worried to death'];

const topics = new PhraseIndex<SensitiveTopic>(
  (Object.entries(LEXICON) as Array<[SensitiveTopic, readonly string[]]>).flatMap(([tag, phrases]) =>
    phrases.map((phrase) => ({ tag, phrase })),
  ),
);
const idioms = new PhraseIndex<null>(IDIOMS.map((phrase) => ({ tag: null, phrase })), 0);

/** A flow's own sensitive keyword, with the stems it is matched by. */
export interface SensitiveKeyword {
  keyword: string;
  stems: readonly string[];
}

/** Analyses a flow's keywords once, when the flow is prepared; a keyword without any word is left out. */
export function sensitiveKeywordsOf(keywords: readonly string[]): SensitiveKeyword[] {
  return keywords.map((keyword) => ({ keyword, stems: analyzeText(keyword).stems })).filter((k) => k.stems.length > 0);
}

export function sensitiveTopicsOf(analyzed: AnalyzedText, flowKeywords: readonly SensitiveKeyword[]): SensitivePhrases {
  const { stems, tokens } = analyzed;
  if (stems.length === 0) return NOTHING_SENSITIVE;
  // Built only when something is found: most turns touch no sensitive topic.
  let found: SensitivePhrases['topics'] | null = null;
  const matches = topics.find(stems);
  if (matches.length > 0) {
    // Both lists run in order of position, so one pointer walks the idioms alongside the matches.
    const idiomSpans = idioms.find(stems);
    let idiom = 0;
    for (const match of matches) {
      while (idiom < idiomSpans.length && idiomSpans[idiom].end <= match.start) idiom++;
      if (idiom < idiomSpans.length && idiomSpans[idiom].start <= match.start) continue;
      if (found?.some((t) => t.topic === match.tag)) continue;
      (found ??= []).push({ topic: match.tag, evidence: tokens.slice(match.start, match.end).join(' ') });
    }
  }
  let keywords: string[] | null = null;
  for (const { keyword, stems: wanted } of flowKeywords) if (containsRun(stems, wanted)) (keywords ??= []).push(keyword);
  return found === null && keywords === null ? NOTHING_SENSITIVE : { topics: found ?? [], keywords: keywords ?? [] };
}

/** Words that touch no sensitive topic, as most do: one shared, frozen answer. */
const NOTHING_SENSITIVE: SensitivePhrases = Object.freeze({ topics: Object.freeze([]), keywords: Object.freeze([]) }) as unknown as SensitivePhrases;

/** Whether `run` occurs in `stems` as consecutive words (a flow keyword is matched as a whole phrase). */
function containsRun(stems: readonly string[], run: readonly string[]): boolean {
  for (let i = 0; i + run.length <= stems.length; i++) {
    let k = 0;
    while (k < run.length && stems[i + k] === run[k]) k++;
    if (k === run.length) return true;
  }
  return false;
}
