import type { Detector } from '@baton/shared';

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** What a trigger's detector watches, in words: "Negative sentiment below -0.5 for 2 turns". */
export function describeDetector(d: Detector): string {
  switch (d.signal) {
    case 'explicit_request':
      return 'Caller asks for a person';
    case 'negative_sentiment':
      return `Negative sentiment below ${d.below} for ${plural(d.turns, 'turn')}`;
    case 'raised_voice':
      return `Caller raises their voice by ${d.deltaDb} dB or more`;
    case 'repeated_question':
      return `Caller repeats a question ${plural(d.atLeast, 'time')}`;
    case 'sensitive_topic':
      return `Sensitive topic: ${d.topics.map((t) => t.replaceAll('_', ' ')).join(', ')}${d.includeFlowKeywords ? ', or the flow’s sensitive words' : ''}`;
    case 'out_of_scope':
      return 'Caller asks for something the AI should not handle';
    case 'no_match':
      return `AI does not understand ${plural(d.streak, 'time')} in a row`;
    case 'low_asr_confidence':
      return `Caller hard to hear (confidence below ${d.below}) for ${plural(d.turns, 'turn')}`;
    case 'turn_limit':
      return `Call reaches ${plural(d.turns, 'turn')}`;
  }
}
