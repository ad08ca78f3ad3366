import { Environment } from '@marcbachmann/cel-js';

/** The variables a rule may read, their CEL types, and what they mean, for the rule builder's help text. */
export const ruleVariables = {
  sentiment: { type: 'double', help: 'Sentiment of the caller\'s latest turn, -1 (very negative) to 1 (very positive).' },
  averageSentiment: { type: 'double', help: 'Average sentiment over the caller\'s last 3 turns.' },
  repeats: { type: 'int', help: 'How many earlier turns the caller\'s latest turn repeats.' },
  noMatchStreak: { type: 'int', help: 'How many turns in a row the AI did not understand.' },
  loudnessDeltaDb: { type: 'double', help: 'How much louder than their own usual voice the caller is now, in dB.' },
  asrConfidence: { type: 'double', help: 'How sure speech recognition was of the latest turn, 0 to 1.' },
  turns: { type: 'int', help: 'How many times the caller has spoken so far.' },
  text: { type: 'string', help: 'What the caller just said, in lower case.' },
  intent: { type: 'string', help: 'The intent recognised on the latest turn ("" when none).' },
  intentConfidence: { type: 'double', help: 'How sure the AI was of that intent, 0 to 1.' },
  explicitRequest: { type: 'bool', help: 'The caller asked for a person on the latest turn.' },
  topics: { type: 'list<string>', help: 'Sensitive topics heard in the latest turn (e.g. "fraud").' },
  slots: { type: 'map<string, dyn>', help: 'Values collected so far, e.g. slots.amount.' },
  caller: { type: 'map<string, dyn>', help: 'What is known about the caller: caller.name, caller.phone, caller.vip…' },
  queue: { type: 'map<string, dyn>', help: 'The queue of the next transfer: queue.ewtSeconds, queue.agentsAvailable, queue.position.' },
  transfer: { type: 'map<string, dyn>', help: 'How the last transfer went: transfer.outcome is "connected", "declined", "no_answer", "busy" or "failed" ("" before any).' },
  hour: { type: 'int', help: 'Hour of the day when the caller spoke, 0 to 23 (UTC).' },
  dayOfWeek: { type: 'int', help: 'Day of the week, 0 (Sunday) to 6 (Saturday).' },
} as const;

export type RuleVariable = keyof typeof ruleVariables;

/** Rules are short: these limits keep a hostile or careless rule from costing real time. */
export const ruleLimits = { maxAstNodes: 200, maxDepth: 16, maxListElements: 50, maxMapEntries: 50, maxCallArguments: 8 };
export const MAX_RULE_LENGTH = 1000;

function buildEnvironment(): Environment {
  const env = new Environment({ limits: ruleLimits, homogeneousAggregateLiterals: false });
  for (const [name, v] of Object.entries(ruleVariables)) env.registerVariable(name, v.type);
  return env;
}

/** One shared, typed environment: every rule is checked and evaluated against it. */
export const ruleEnvironment = buildEnvironment();
