import type { Detector, FlowSettings, HandoffSignal } from '@baton/shared';
import { lowAsrConfidenceOf, signalModel } from '../signals/index.ts';
import type { Thresholds } from '../signals/learned/HandoffModel.ts';
import type { TurnHistory } from '../signals/types.ts';
import type { CallSession } from './CallSession.ts';
import type { TurnSignals } from './understandTurn.ts';

/** One caller turn as the detectors see it: an utterance's signals, or keypad digits. */
export interface TurnFacts {
  signals: TurnSignals | null;
  dtmf: string | null;
  /** The AI node's intents that are out of scope for it. */
  outOfScope: ReadonlySet<string>;
  /** The turn answers the step's own question (a survey's score): the flow's triggers leave it be. */
  answer?: boolean;
}

export interface DetectorHit {
  signal: HandoffSignal;
  explanation: string;
}

const round = (n: number, digits = 2) => Number(n.toFixed(digits));
const percent = (p: number) => `${Math.round(p * 100)}%`;
/** "92% sure, threshold 80%". */
const sure = (p: number, threshold: number) => `${percent(p)} sure, threshold ${percent(threshold)}`;
/** A detector's decision: the language model's where it judged the turn, else the probability against the threshold. */
const holds = (judged: boolean | undefined, p: number, threshold: number) => judged ?? p >= threshold;
const how = (judged: boolean | undefined, p: number, threshold: number) =>
  judged === undefined ? sure(p, threshold) : `as the language model judged; the detectors were ${sure(p, threshold)}`;

/**
 * How likely the caller has been frustrated over the last `turns` turns, this one included: the chance that at least
 * one of them was (1 - the product of each turn's chance it was not). Turns that do not lean to frustration (below 0.5) add nothing,
 * so a long calm call does not add up to frustration.
 */
export function gatheredFrustration(recent: TurnHistory, turns: number): number {
  let calm = 1;
  for (let i = Math.max(0, recent.length - turns); i < recent.length; i++) {
    const p = recent.at(i)!.frustration;
    if (p >= CALM_BELOW) calm *= 1 - p;
  }
  return 1 - calm;
}
const CALM_BELOW = 0.5;
const quote = (words: string[]) => (words.length > 0 ? ` ("${words.slice(0, 3).join('", "')}")` : '');

/** Whether a detector holds on a turn, and a sentence saying why. `session` already includes this turn. */
export type DetectorCheck = (session: CallSession, facts: TurnFacts) => DetectorHit | null;

/**
 * A detector made into its check once, when the flow is prepared: each check then reads only its own settings,
 * rather than every turn going through every kind of detector with a differently shaped object.
 */
export function detectorCheck(detector: Detector, settings: FlowSettings, thresholds: Thresholds = signalModel().thresholds): DetectorCheck {
  switch (detector.signal) {
    case 'explicit_request': {
      const zeroOut = settings.zeroOutToAgent;
      const threshold = detector.threshold ?? thresholds.person;
      return (_session, facts) => {
        const s = facts.signals;
        const request = s?.explicitRequest;
        const judged = s?.judgement?.person;
        if (request && holds(judged, request.probability, threshold))
          return { signal: 'explicit_request', explanation: `The caller asked for a person${request.evidence ? `: "${request.evidence}"` : ''} (${how(judged, request.probability, threshold)}).` };
        if (zeroOut && facts.dtmf?.includes('0')) return { signal: 'explicit_request', explanation: 'The caller pressed 0 to reach a person.' };
        return null;
      };
    }
    case 'negative_sentiment': {
      const { turns } = detector;
      const threshold = detector.threshold ?? thresholds.frustration;
      const over = turns === 1 ? 'on this turn' : `over the last ${turns} turns`;
      return (session, facts) => {
        const s = facts.signals;
        if (!s) return null;
        const now = s.frustration.probability;
        const words = quote(s.frustration.evidence);
        const judged = s.judgement?.frustrated;
        if (holds(judged, now, threshold)) return { signal: 'negative_sentiment', explanation: `The caller sounds frustrated${words} (${how(judged, now, threshold)}).` };
        const gathered = gatheredFrustration(session.recentTurns, turns);
        if (gathered < threshold) return null;
        return { signal: 'negative_sentiment', explanation: `The caller has sounded frustrated ${over}${words} (together ${sure(gathered, threshold)}).` };
      };
    }
    case 'raised_voice': {
      const { deltaDb } = detector;
      return (_session, facts) => {
        const s = facts.signals;
        if (!s) return null;
        // From the caller's audio, a raised voice is one that stayed up, not one loud moment; its peak meets the threshold.
        const { voice, evidence } = s.loudness;
        if (voice) {
          if (!voice.raised || voice.peakDeltaDb < deltaDb) return null;
          return { signal: 'raised_voice', explanation: `The caller raised their voice: ${evidence} (threshold ${deltaDb} dB).` };
        }
        if (s.loudness.baselineDb === null || s.loudness.deltaDb < deltaDb) return null;
        return { signal: 'raised_voice', explanation: `The caller's voice is ${round(s.loudness.deltaDb, 1)} dB louder than their usual ${round(s.loudness.baselineDb, 1)} dB (threshold ${deltaDb} dB).` };
      };
    }
    case 'repeated_question': {
      const { atLeast } = detector;
      return (_session, facts) => {
        const s = facts.signals;
        if (!s || s.repetition.repeats < atLeast) return null;
        return { signal: 'repeated_question', explanation: `The caller has said the same thing ${s.repetition.repeats + 1} times${quote(s.repetition.evidence.map((e) => e.text))}.` };
      };
    }
    case 'sensitive_topic': {
      const { topics: watched, includeFlowKeywords } = detector;
      const threshold = detector.threshold ?? thresholds.sensitive;
      return (_session, facts) => {
        const s = facts.signals;
        if (!s) return null;
        const judgement = s.judgement;
        const judged = judgement && 'topic' in judgement ? judgement.topic : undefined;
        if (judged === undefined && s.sensitive.topics.length === 0 && s.sensitive.keywords.length === 0) return null;
        // How likely the turn raises any watched topic (the threshold is set on that), named by the likeliest one.
        const seen = s.sensitive.topics.filter((t) => watched.includes(t.topic));
        const p = seen.reduce((sum, t) => sum + t.probability, 0);
        const named = judged === undefined ? seen[0] : judged !== null && watched.includes(judged) ? (seen.find((t) => t.topic === judged) ?? { topic: judged, evidence: '' }) : undefined;
        const topic = named && holds(judged === undefined ? undefined : true, p, threshold) ? named : undefined;
        const keywords = includeFlowKeywords ? s.sensitive.keywords : [];
        if (!topic && keywords.length === 0) return null;
        const evidence = topic?.evidence ? `"${topic.evidence}"; ` : '';
        const what = [...(topic ? [`${topic.topic.replace('_', ' ')} (${evidence}${how(judged === undefined ? undefined : true, p, threshold)})`] : []), ...keywords.map((k) => `"${k}"`)];
        return { signal: 'sensitive_topic', explanation: `The caller raised a sensitive topic: ${what.join(', ')}.` };
      };
    }
    case 'out_of_scope':
      return (_session, facts) => {
        const s = facts.signals;
        if (!s?.intent || !facts.outOfScope.has(s.intent)) return null;
        return { signal: 'out_of_scope', explanation: `The caller asked about "${s.intent}", which the AI is set not to handle.` };
      };
    case 'no_match': {
      const { streak } = detector;
      return (_session, facts) => {
        const s = facts.signals;
        if (!s || s.noMatchStreak < streak) return null;
        return { signal: 'no_match', explanation: `The AI did not understand the caller ${s.noMatchStreak} turns in a row (limit ${streak}).` };
      };
    }
    case 'low_asr_confidence': {
      const { turns, below } = detector;
      return (session, facts) => {
        const s = facts.signals;
        // Only turns whose words came with a recognition confidence (speech) are checked.
        if (!s || s.asrConfidence === null) return null;
        const { low, recent } = lowAsrConfidenceOf(session.asrTrend.slice(-turns), below, turns);
        if (!low) return null;
        return { signal: 'low_asr_confidence', explanation: `Speech recognition was unsure of the caller's words for ${turns} turns (confidence ${recent.map((c) => round(c)).join(', ')}, below ${below}).` };
      };
    }
    case 'turn_limit': {
      const { turns } = detector;
      return (session) => {
        // After an agent handed the call back, the turns since then.
        const spoken = session.turnCount - (session.handoff?.handedBack?.turns ?? 0);
        if (spoken < turns) return null;
        return { signal: 'turn_limit', explanation: `The caller has spoken ${spoken} times without the call being resolved (limit ${turns}).` };
      };
    }
  }
}
