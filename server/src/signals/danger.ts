import type { AnalyzedText } from '../nlu/Nlu.ts';
import { PhraseIndex } from './PhraseIndex.ts';

/**
 * Phrases that say a caller is in danger or thinking of self-harm. They back up the learned safety detector: a turn
 * holding one is treated as a safety matter unless the model is all but sure it is not (below DANGER_FLOOR, as for
 * "does my insurance cover a break-in?"), because a missed safety message costs far more than a needless handover; and
 * they are a cue the model weighs. Kept to wordings that are rarely anything
 * else on a service line (not "dying battery", not "the bill is killing me"). Measured by `npm run eval:signals`.
 */
const PHRASES = [
  // Self-harm and suicide.
  'kill myself', 'killing myself', 'end my life', 'ending my life', 'end my own life', 'take my own life', 'taking my own life',
  'end it all', 'ending it all', 'suicide', 'suicidal', 'want to die', 'wanna die', 'want to be dead', 'better off dead',
  'better off without me', 'do not want to be alive', 'do not want to live', 'do not want to be here anymore',
  'no reason to live', 'reason to keep living', 'reason to keep going', 'not wake up', 'hurt myself', 'hurting myself',
  'harm myself', 'harming myself', 'self harm', 'cut myself', 'cutting myself', 'overdose', 'nobody would miss me',
  'no one would miss me', 'not be around much longer', 'will not be around to', 'thoughts of ending', 'about ending it',
  'the pills in front of me', 'taken too many tablets', 'took too many tablets', 'took too many pills', 'taken a load of',
  'took a load of pills', 'took all my pills', 'standing on the bridge', 'on the bridge', 'thinking about jumping',
  'own life', 'to end it', 'a burden on everyone', 'just disappear', 'disappear for good', 'rope ready', 'enough tablets', 'enough pills', 'saving up my meds', 'not want to wake up',
  'never wake up', 'ending things', 'end things', 'point in living', 'point of living', 'tired of being alive', 'want to be alive',
  'worth more dead', 'razor', 'got a rope', 'the rope', 'cutting again', 'cut again', 'going to jump', 'jump off', 'thinking of jumping',
  'edge of the roof', 'edge of the platform', 'stockpiling my', 'saving up my medication', 'saving up my tablets', 'ways to do it',
  'drive into a wall', 'on purpose into', 'walk into the sea', 'walk into the river', 'kill himself', 'kill herself', 'kill his', 'kill her',
  'use it on himself', 'use it on herself', 'do not want to exist', 'rather be dead', 'can not keep going', 'can not go on',
  'no way out', 'want to disappear', 'cut my wrists', 'hang myself', 'hanging myself', 'telling me to jump',
  'thinking about dying', 'think about dying', 'stop myself',
  // Danger now.
  'in danger', 'not safe', 'do not feel safe', 'he has got a knife', 'got a knife', 'got a gun', 'threatening to kill',
  'going to kill me', 'threatening me', 'hitting me', 'he is coming back', 'trying to break in', 'breaking in',
  'smell gas', 'smell of gas', 'gas leak', 'carbon monoxide', 'on fire', 'not breathing', 'can not breathe',
  'stopped breathing', 'having a heart attack', 'having a stroke', 'having a seizure', 'collapsed', 'unconscious',
  'having a fit', 'electric shock', 'a gun', 'weapon', 'bleeding', 'call 999', 'call 911', 'too scared', 'frightened', 'get in through', 'break in', 'help me please he',
  'choking', 'chest pain', 'chest pains', 'clutching his chest', 'going blue', 'gone blue', 'turning blue', 'hot car', 'following me',
  'hurt me', 'hurting me', 'kicking the door', 'banging on the door', 'trying the door', 'trying the windows', 'trying the handle',
  'sparking', 'sparks coming', 'smoke coming', 'burning smell', 'smell burning', 'will not wake', 'can not wake',
  'gas smell', 'engine running', 'trapped in the car', 'trapped inside', 'strangling', 'by the throat', 'forced their way', 'been shot', 'stabbed',
  'a knife', 'flames coming', 'being followed',
];

const index = new PhraseIndex<null>(PHRASES.map((phrase) => ({ tag: null, phrase })));

/** The first danger phrase in the turn, as the caller said it, or null. */
export function dangerPhraseOf(analyzed: AnalyzedText): string | null {
  if (analyzed.stems.length === 0) return null;
  const match = index.find(analyzed.stems)[0];
  return match ? analyzed.tokens.slice(match.start, match.end).join(' ') : null;
}
