export { lexiconOf } from './lexicon.ts';
export { sentimentOf } from './sentiment.ts';
export { explicitRequestOf } from './explicitRequest.ts';
export { sensitiveKeywordsOf, sensitiveTopicsOf, type SensitiveKeyword } from './sensitiveTopics.ts';
export { contentOf, repetitionOf } from './repetition.ts';
export { loudnessOf } from './loudness.ts';
export { noMatchStreakOf } from './noMatchStreak.ts';
export { lowAsrConfidenceOf } from './asrConfidence.ts';
