import type { Detector } from '@baton/shared';

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

const sure = (d: { threshold?: number }) => (d.threshold === undefined ? '' : ` (at ${Math.round(d.threshold * 100)}% sure)`);

/** What a trigger's detector watches, in words: "Caller sounds frustrated, over the last 2 turns". */
export function describeDetector(d: Detector): string {
  switch (d.signal) {
    case 'explicit_request':
      return `Caller asks for a person${sure(d)}`;
    case 'negative_sentiment':
      return `Caller sounds frustrated${d.turns > 1 ? `, over the last ${plural(d.turns, 'turn')}` : ''}${sure(d)}`;
    case 'raised_voice':
      return `Caller raises their voice by ${d.deltaDb} dB or more`;
    case 'repeated_question':
      return `Caller repeats a question ${plural(d.atLeast, 'time')}`;
    case 'sensitive_topic':
      return `Sensitive topic: ${d.topics.map((t) => t.replaceAll('_', ' ')).join(', ')}${d.includeFlowKeywords ? ', or the flow’s sensitive words' : ''}${sure(d)}`;
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
