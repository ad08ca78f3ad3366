import { useState } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { FlowSettings } from '@baton/shared';
import { useEditorStore } from './store/editorStore.ts';
import { QueuesSection } from './settings/QueuesSection.tsx';
import { ReasonTextsSection } from './settings/ReasonTextsSection.tsx';
import { SafetyMessageSection } from './settings/SafetyMessageSection.tsx';
import { errorUnder, fromDraft, toDraft, type SettingsDraft } from './settings/settingsDraft.ts';
import { PhoneSection } from './settings/PhoneSection.tsx';
import { UnderstandingSection } from './settings/UnderstandingSection.tsx';
import './settings/flowSettings.css';
import { useTunesOnly } from './useAnalystLimits.ts';

interface FlowSettingsModalProps {
  opened: boolean;
  onClose(): void;
}

/** The flow's settings (what callers hear when handed over, its queues, how it understands callers, how it sounds on the phone), applied as one change. */
export function FlowSettingsModal({ opened, onClose }: FlowSettingsModalProps) {
  const settings = useEditorStore((s) => s.meta?.settings);
  return (
    <Modal opened={opened} onClose={onClose} title="Flow settings" size="lg" classNames={{ title: 'flow-settings__title' }}>
      {/* The form mounts on every opening, so it starts from the flow's current settings. */}
      {settings && <FlowSettingsForm settings={settings} onClose={onClose} />}
    </Modal>
  );
}

function FlowSettingsForm({ settings, onClose }: { settings: FlowSettings; onClose(): void }) {
  const [draft, setDraft] = useState<SettingsDraft>(() => toDraft(settings));
  const tunesOnly = useTunesOnly();
  // Errors show once Apply was tried, then follow each edit.
  const [tried, setTried] = useState(false);
  const checked = fromDraft(settings, draft);
  const errors = tried ? checked.errors : new Map<string, string>();
  const edit = (change: Partial<SettingsDraft>) => setDraft((d) => ({ ...d, ...change }));

  const apply = () => {
    setTried(true);
    if (!checked.settings) return;
    if (JSON.stringify(checked.settings) !== JSON.stringify(settings)) useEditorStore.getState().setSettings(checked.settings);
    onClose();
  };

  return (
    <Stack gap="lg">
      <ReasonTextsSection
        texts={draft.reasonTexts}
        queueName={draft.queues[0]?.name || 'team'}
        errors={errors}
        onChange={(category, text) => edit({ reasonTexts: { ...draft.reasonTexts, [category]: text } })}
      />
      <SafetyMessageSection text={draft.safetyMessage} error={errors.get('safetyMessage')} onChange={(safetyMessage) => edit({ safetyMessage })} />
      {/* Queues and the phone voice are an admin's; analysts see them read-only. */}
      <fieldset className="inspector__lock" disabled={tunesOnly}>
        <QueuesSection queues={draft.queues} errors={errors} onChange={(queues) => edit({ queues })} />
      </fieldset>
      <UnderstandingSection
        sensitiveKeywords={draft.sensitiveKeywords}
        zeroOutToAgent={draft.zeroOutToAgent}
        confidencePercent={draft.confidencePercent}
        errors={errors}
        keywordsError={errorUnder(errors, 'sensitiveKeywords')}
        onKeywords={(sensitiveKeywords) => edit({ sensitiveKeywords })}
        onZeroOut={(zeroOutToAgent) => edit({ zeroOutToAgent })}
        onConfidence={(confidencePercent) => edit({ confidencePercent })}
        confidenceLocked={tunesOnly}
      />
      <fieldset className="inspector__lock" disabled={tunesOnly}>
      <PhoneSection
        voice={draft.phoneVoice}
        language={draft.phoneLanguage}
        voiceError={errorUnder(errors, 'phone')}
        onVoice={(phoneVoice) => edit({ phoneVoice })}
        onLanguage={(phoneLanguage) => edit({ phoneLanguage })}
      />
      </fieldset>
      <Group justify="flex-end" className="flow-settings__actions">
        {errors.size > 0 && (
          <Text size="sm" c="red" mr="auto" role="alert">
            Some settings need fixing (marked in red).
          </Text>
        )}
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button onClick={apply}>Apply</Button>
      </Group>
    </Stack>
  );
}
