import type { EntityType, SensitiveTopic, TurnSignals, VoiceEvidence } from '@baton/shared';
import { analyzeText } from '../nlu/analyzeText.ts';
import type { AnalyzedText, Classification, EntityValue } from '../nlu/Nlu.ts';
import { contentOf, explicitRequestOf, loudnessOf, noMatchStreakOf, repetitionOf, sentimentOf, sensitiveTopicsOf } from '../signals/index.ts';
import type { CallSession } from './CallSession.ts';
import type { RuntimeFlow } from './RuntimeFlow.ts';

/** The signals of one caller turn, with their evidence: shown in the test console and behind every handoff. */
export type { TurnSignals };


export interface Understanding {
  analyzed: AnalyzedText;
  /** The words that carry content, kept with the turn for later repetition checks. */
  content: ReadonlySet<string>;
  classification: Classification | null;
  entities: EntityValue[];
  signals: TurnSignals;
}

const ASK_ENTITY: Partial<Record<string, EntityType>> = { number: 'number', amount: 'amount', date: 'date', email: 'email', phone: 'phone' };

/** Analyses a caller's words once: intent (at an AI node), entities, and every signal. */
export function understandTurn(flow: RuntimeFlow, session: CallSession, text: string, at: string, asrConfidence?: number, loudnessDb?: number, voice?: VoiceEvidence): Understanding {
  const node = flow.compiled.nodes.get(session.nodeId);
  const analyzed = analyzeText(text);
  let classification: Classification | null = null;
  let entityTypes: readonly EntityType[] = [];
  if (node?.kind === 'ai') {
    const threshold = node.data.confidenceThreshold ?? flow.compiled.flow.settings.confidenceThreshold;
    classification = flow.classifiers.get(node.id)!.classify(analyzed, threshold);
    entityTypes = node.data.entities;
  } else if (node?.kind === 'ask') {
    const type = ASK_ENTITY[node.data.valueType];
    if (type) entityTypes = [type];
  }
  const entities = entityTypes.length > 0 ? flow.nlu.extractEntities(text, entityTypes, new Date(at)) : [];
  const intent = classification?.intent ?? null;
  const content = contentOf(analyzed);
  const signals: TurnSignals = {
    sentiment: sentimentOf(analyzed),
    explicitRequest: explicitRequestOf(analyzed),
    sensitive: sensitiveTopicsOf(analyzed, flow.compiled.flow.settings.sensitiveKeywords),
    repetition: repetitionOf({ analyzed, content, intent, nodeId: session.nodeId }, session.recentTurns),
    loudness: loudnessOf(loudnessDb, session.recentTurns, voice),
    asrConfidence: asrConfidence ?? null,
    noMatchStreak: noMatchStreakOf(session.noMatchStreak, { atAiNode: node?.kind === 'ai', intent }),
    intent,
    intentConfidence: classification?.confidence ?? 0,
  };
  return { analyzed, content, classification, entities, signals };
}

export function topicsOf(signals: TurnSignals): SensitiveTopic[] {
  return signals.sensitive.topics.map((t) => t.topic);
}
