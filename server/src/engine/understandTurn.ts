import type { SensitiveTopic, TurnJudgement, TurnSignals, VoiceEvidence } from '@baton/shared';
import { analyzeText } from '../nlu/analyzeText.ts';
import type { AnalyzedText, Classification, EntityValue } from '../nlu/Nlu.ts';
import type { ContentWords } from '../signals/types.ts';
import { contentOf, handWrittenOf, learnedSignalsOf, lexiconOf, loudnessOf, noMatchStreakOf, repetitionOf } from '../signals/index.ts';
import type { CallSession } from './CallSession.ts';
import { isCourtesy } from './courtesy.ts';
import type { RuntimeFlow, RuntimeStep } from './RuntimeFlow.ts';

/** The signals of one caller turn, with their evidence: shown in the test console and behind every handoff. */
export type { TurnSignals };

export interface Understanding {
  analyzed: AnalyzedText;
  /** The words that carry content, kept with the turn for later repetition checks. */
  content: ContentWords;
  classification: Classification | null;
  entities: EntityValue[];
  signals: TurnSignals;
}

/** What words say wherever in a call they are said: the same text at the same step always reads the same. */
export interface Words {
  analyzed: AnalyzedText;
  content: ContentWords;
  classification: Classification | null;
  entities: EntityValue[];
  sentiment: TurnSignals['sentiment'];
  explicitRequest: TurnSignals['explicitRequest'];
  sensitive: TurnSignals['sensitive'];
  frustration: TurnSignals['frustration'];
  safety: TurnSignals['safety'];
}

/**
 * Words already read, by step and text, for callers who say the same things again and again: simulated callers draw
 * their words from their personas, so a what-if run of thousands of calls reads a few thousand distinct sentences.
 * Reading is pure, so a remembered reading is exactly a new one. Bounded (about 700 bytes a reading, so 20,000 are
 * ~14 MB a flow): once full, new words are read each time, while the common ones, met first, stay remembered.
 */
export class WordsMemo {
  /** By step, then (for words read relative to when they were said) by moment, then by text. */
  private readonly read = new Map<string, Map<string, Words | Map<string, Words>>>();
  private size = 0;
  hits = 0;
  misses = 0;
  constructor(private readonly limit = 20_000) {}

  wordsAt(flow: RuntimeFlow, here: RuntimeStep, text: string, at: string): Words {
    // Keyed by the strings as they are, not a key built from them: a caller's words are the same string every time,
    // so looking them up costs no new string and no new hash.
    const nodeId = here.node.id;
    let atStep = this.read.get(nodeId);
    if (!atStep) this.read.set(nodeId, (atStep = new Map()));
    // Dates are read relative to when they were said ("tomorrow"), so for those the moment is part of the words.
    let byText = atStep as Map<string, Words>;
    if (here.readsDates) {
      let atMoment = atStep.get(at) as Map<string, Words> | undefined;
      if (!atMoment) atStep.set(at, (atMoment = new Map()));
      byText = atMoment;
    }
    const known = byText.get(text);
    if (known) {
      this.hits++;
      return known;
    }
    this.misses++;
    const words = readWords(flow, here, text, at);
    if (this.size < this.limit) {
      byText.set(text, words);
      this.size++;
    }
    return words;
  }
}

/** Reads a caller's words at a step: intent (at an AI node), entities, and the signals the words alone carry. */
export function readWords(flow: RuntimeFlow, here: RuntimeStep, text: string, at: string): Words {
  const analyzed = analyzeText(text);
  const lexicon = lexiconOf(analyzed.tokens);
  // The word lists' findings are cues of the learned detectors, which decide.
  const found = handWrittenOf(analyzed, flow.sensitiveKeywords, lexicon);
  const learned = learnedSignalsOf(analyzed, found);
  return {
    analyzed,
    content: contentOf(analyzed, lexicon),
    classification: here.classifier ? here.classifier.classify(analyzed, here.confidenceThreshold) : null,
    entities: here.entityTypes.length > 0 ? flow.nlu.extractEntities(text, here.entityTypes, new Date(at)) : [],
    sentiment: found.sentiment,
    ...learned,
  };
}

/** Analyses a caller's words once: intent (at an AI node), entities, and every signal, those of the call so far included. */
export function understandTurn(flow: RuntimeFlow, here: RuntimeStep, session: CallSession, text: string, at: string, asrConfidence?: number, loudnessDb?: number, voice?: VoiceEvidence, judgement?: TurnJudgement): Understanding {
  const words = flow.words ? flow.words.wordsAt(flow, here, text, at) : readWords(flow, here, text, at);
  const { analyzed, content, classification } = words;
  const intent = classification?.intent ?? null;
  const courtesy = here.node.kind === 'ai' && intent === null && isCourtesy(analyzed.tokens);
  const signals: TurnSignals = {
    sentiment: words.sentiment,
    frustration: words.frustration,
    safety: words.safety,
    explicitRequest: words.explicitRequest,
    sensitive: words.sensitive,
    repetition: repetitionOf({ analyzed, content, intent, nodeId: session.nodeId }, session.recentTurns),
    loudness: loudnessOf(loudnessDb, session.recentTurns, voice),
    asrConfidence: asrConfidence ?? null,
    noMatchStreak: noMatchStreakOf(session.noMatchStreak, { atAiNode: here.node.kind === 'ai', intent, courtesy }),
    intent,
    intentConfidence: classification?.confidence ?? 0,
    ...(judgement ? { judgement } : {}),
    ...(courtesy ? { courtesy: true as const } : {}),
  };
  return { analyzed, content, classification, entities: words.entities, signals };
}

export function topicsOf(signals: TurnSignals): SensitiveTopic[] {
  return signals.sensitive.topics.map((t) => t.topic);
}
