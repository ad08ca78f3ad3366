import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Group, PasswordInput, Stack, Switch, Text, TextInput } from '@mantine/core';
import type { Versioned, WebhookView } from '@baton/shared';
import { ApiError } from '../api/fetchJson.ts';
import { SaveConflictDialog } from './SaveConflictDialog.tsx';
import { fetchWebhook, saveWebhook } from './staffingApi.ts';
import { useSave } from './useSave.ts';

const blank = { url: '', enabled: true, allowPrivateNetwork: false, secretSet: false } satisfies WebhookView;

/** A queue's handoff webhook: where Baton sends each handed-over call's details, signed with a secret it never shows again. */
export function WebhookForm({ queueId, queueName }: { queueId: string; queueName: string }) {
  // null: the queue had no webhook when the page loaded it.
  const [stored, setStored] = useState<Versioned<WebhookView> | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Omit<WebhookView, 'secretSet'>>(blank);
  const [secret, setSecret] = useState('');
  const { saving, saved, error, problems, run, edited, formRef, conflict } = useSave();

  useEffect(() => {
    const controller = new AbortController();
    fetchWebhook(queueId, controller.signal).then(
      (webhook) => {
        setStored(webhook);
        setDraft(webhook ?? blank);
      },
      (e: unknown) => !controller.signal.aborted && setLoadError(e instanceof ApiError ? e.message : String(e)),
    );
    return () => controller.abort();
  }, [queueId]);

  const set = (changed: Partial<typeof draft>) => {
    setDraft({ ...draft, ...changed });
    edited();
  };

  /** `over`: the version to save over instead of the one loaded (keeping mine after a conflict). */
  async function save(over?: () => Promise<number | undefined>) {
    // An empty secret box means "keep the one that is set", so it is left out.
    const lookupUrl = draft.lookupUrl?.trim();
    const webhook = { url: draft.url, ...(lookupUrl ? { lookupUrl } : {}), enabled: draft.enabled, allowPrivateNetwork: draft.allowPrivateNetwork, ...(secret ? { secret } : {}) };
    const result = await run(async () => saveWebhook(queueId, webhook, over ? await over() : stored?.version));
    if (result) {
      setStored(result);
      setSecret('');
    }
  }
  const loadTheirVersion = () =>
    conflict.loadTheirs(async () => {
      const theirs = await fetchWebhook(queueId);
      setStored(theirs);
      setDraft(theirs ?? blank);
      setSecret('');
    });
  // Mine, over the version they saved: if a third person saved meanwhile, the choice comes back.
  const keepMine = () => save(async () => (await fetchWebhook(queueId))?.version);

  // A new address is only trusted with the secret typed again (the server refuses it otherwise).
  const addressChanged = stored !== null && (draft.url !== stored.url || (draft.lookupUrl?.trim() || undefined) !== (stored.lookupUrl || undefined));
  if (loadError) return <Text c="red" role="alert">Could not load the webhook: {loadError}.</Text>;
  return (
    <Stack gap="sm" component="form" ref={formRef} onSubmit={(e) => (e.preventDefault(), void save())} aria-label={`Handoff webhook of ${queueName}`}>
      <SaveConflictDialog what="webhook" open={conflict.open} close={conflict.close} loadTheirVersion={loadTheirVersion} keepMine={keepMine} />
      <Text fw={600}>Tell another system about each handover</Text>
      <Text size="sm" c="dimmed">
        When a call is handed to this queue, Baton sends the call's details (who called, why, what the AI collected) to this web address, for example your CRM.
      </Text>
      <TextInput label="Web address" placeholder="https://crm.example.com/baton/handoff" value={draft.url} onChange={(e) => set({ url: e.currentTarget.value })} error={problems.get('url')} />
      <TextInput
        label="Look up the caller (optional)"
        description="At each handover Baton asks this address, signed with the same secret, what your records know of the caller's number. Its answer (a JSON object, e.g. account, name, tier) is added to the agent's briefing if it comes within 1.5 seconds."
        placeholder="https://crm.example.com/baton/lookup"
        value={draft.lookupUrl ?? ''}
        onChange={(e) => set({ lookupUrl: e.currentTarget.value })}
        error={problems.get('lookupUrl')}
      />
      <PasswordInput
        label="Secret"
        description={
          addressChanged
            ? 'The address changed: type the secret again (the current one or a new one), so that only someone who knows it can point handovers elsewhere.'
            : stored?.secretSet
              ? 'A secret is set — type a new one to replace it. It is never shown again.'
              : 'At least 16 characters. The receiving system uses it to check that a message really came from Baton.'
        }
        placeholder={stored?.secretSet && !addressChanged ? 'Leave empty to keep the current secret' : ''}
        value={secret}
        onChange={(e) => {
          setSecret(e.currentTarget.value);
          edited();
        }}
        error={problems.get('secret')}
        autoComplete="new-password"
      />
      <Switch label="Send handovers to this address" checked={draft.enabled} onChange={(e) => set({ enabled: e.currentTarget.checked })} />
      <Checkbox
        label="Allow private network addresses"
        description="Lets the address point inside your own network (such as 10.x.x.x or this server itself)."
        checked={draft.allowPrivateNetwork}
        onChange={(e) => set({ allowPrivateNetwork: e.currentTarget.checked })}
      />
      {draft.allowPrivateNetwork && (
        <Alert color="orange" title="Only if you trust everyone who can edit queues">
          With this on, anyone who can edit this queue can make the Baton server send requests to systems inside your network that are not meant to be reached from outside.
        </Alert>
      )}
      {error && (
        <Text c="red" size="sm" role="alert">
          Could not save the webhook: {error}.
        </Text>
      )}
      <Group justify="flex-end">
        {saved && (
          <Text size="sm" c="green" role="status">
            Webhook saved.
          </Text>
        )}
        <Button type="submit" loading={saving} variant="light">
          Save webhook
        </Button>
      </Group>
    </Stack>
  );
}
