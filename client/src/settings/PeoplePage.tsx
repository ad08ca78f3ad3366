import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Code, CopyButton, Group, Modal, MultiSelect, NativeSelect, Paper, PasswordInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { roleDescriptions, roleNames, roles, tokenScopes, type AgentSettings, type Role, type TokenScope, type TokenView, type UserView } from '@baton/shared';
import { ApiError, fetchJson, sendJson } from '../api/fetchJson.ts';
import { csrfHeaders } from '../api/csrf.ts';
import { fetchAgents } from './staffingApi.ts';
import { fetchFlows } from '../api/fetchFlows.ts';
import { useSession } from '../session/session.ts';

const message = (e: unknown) => (e instanceof ApiError ? `${e.message}.` : String(e));
const when = (iso: string | undefined) => (iso ? new Date(iso).toLocaleString() : 'never');

interface PersonForm {
  id?: string;
  version?: number;
  name: string;
  displayName: string;
  role: Role;
  agentId: string;
  /** Analysts and supervisors: the flows they work on; empty: every flow. */
  flowIds: string[];
  password: string;
}

const blank: PersonForm = { name: '', displayName: '', role: 'analyst', agentId: '', flowIds: [], password: '' };
const worksOnFlows = (role: Role) => role === 'analyst' || role === 'supervisor';

/** People (/settings/people, admins): who signs in with which role, and programs' access keys. */
export function PeoplePage() {
  const session = useSession();
  const [users, setUsers] = useState<UserView[] | null>(null);
  const [tokens, setTokens] = useState<TokenView[]>([]);
  const [agents, setAgents] = useState<AgentSettings[]>([]);
  const [flows, setFlows] = useState<Array<{ id: string; name: string }>>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<PersonForm | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [keyName, setKeyName] = useState('');
  const [keyScope, setKeyScope] = useState<TokenScope>('calls');
  const [newSecret, setNewSecret] = useState<{ name: string; secret: string } | null>(null);

  const load = useCallback(async () => {
    try {
      const [u, t] = await Promise.all([fetchJson<UserView[]>('/api/users'), fetchJson<TokenView[]>('/api/tokens')]);
      setUsers(u);
      setTokens(t);
    } catch (e) {
      setError(`Could not load the people: ${message(e)}`);
    }
  }, []);
  useEffect(() => {
    void load();
    fetchAgents().then(setAgents, () => undefined);
    fetchFlows().then(setFlows, () => undefined);
  }, [load]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    setFormError(null);
    try {
      const agentId = editing.role === 'agent' ? editing.agentId || undefined : undefined;
      const flowIds = worksOnFlows(editing.role) ? editing.flowIds : [];
      if (editing.id)
        await sendJson(`/api/users/${encodeURIComponent(editing.id)}`, 'PUT', { displayName: editing.displayName, role: editing.role, agentId: agentId ?? null, flowIds, ...(editing.password ? { password: editing.password } : {}) }, { 'If-Match': `"${editing.version}"` });
      else await sendJson('/api/users', 'POST', { name: editing.name, displayName: editing.displayName || undefined, role: editing.role, agentId, flowIds, password: editing.password });
      setEditing(null);
      await load();
    } catch (e) {
      setFormError(message(e));
    }
  };

  const act = async (run: () => Promise<unknown>) => {
    setError(null);
    try {
      await run();
      await load();
    } catch (e) {
      setError(message(e));
    }
  };

  const switchOnOff = (u: UserView) => act(() => sendJson(`/api/users/${encodeURIComponent(u.id)}`, 'PUT', { disabled: !u.disabled }, { 'If-Match': `"${u.version}"` }));
  const remove = (u: UserView) =>
    window.confirm(`Remove ${u.displayName}? They can no longer sign in.`) &&
    act(async () => {
      const res = await fetch(`/api/users/${encodeURIComponent(u.id)}`, { method: 'DELETE', headers: csrfHeaders() });
      if (!res.ok) throw new ApiError(((await res.json().catch(() => ({}))) as { error?: { message?: string } }).error?.message ?? `the server answered with status ${res.status}`, res.status, 'http_error');
    });
  const makeKey = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      const made = await sendJson<{ token: TokenView; secret: string }>('/api/tokens', 'POST', { name: keyName, scope: keyScope });
      setNewSecret({ name: made.token.name, secret: made.secret });
      setKeyName('');
    });
  };
  const revoke = (t: TokenView) => window.confirm(`Revoke "${t.name}"? Programs using it stop working at once.`) && act(() => fetch(`/api/tokens/${encodeURIComponent(t.id)}`, { method: 'DELETE', headers: csrfHeaders() }));
  const agentName = (id: string | undefined) => agents.find((a) => a.id === id)?.name ?? id;

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>People</Title>
        <Text c="dimmed">Who signs in to Baton and what each may do. Baton checks every request against these roles, not only the pages.</Text>
      </div>
      {error && (
        <Alert color="red" role="alert" title="Something went wrong" withCloseButton onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h3">
            People who sign in
          </Title>
          <Button onClick={() => setEditing({ ...blank })}>Add a person</Button>
        </Group>
        {users === null ? (
          <Text role="status">Loading…</Text>
        ) : (
          <Table striped aria-label="People who sign in">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Sign-in name</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Last signed in</Table.Th>
                <Table.Th>Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>
                    {u.displayName} {u.disabled && <Badge color="gray">Switched off</Badge>}
                  </Table.Td>
                  <Table.Td>{u.name}</Table.Td>
                  <Table.Td>
                    {roleNames[u.role]}
                    {u.role === 'agent' && u.agentId ? ` (desk of ${agentName(u.agentId)})` : ''}
                    {u.flowIds?.length ? ` (${u.flowIds.map((id) => flows.find((f) => f.id === id)?.name ?? id).join(', ')})` : ''}
                  </Table.Td>
                  <Table.Td>{when(u.lastSignInAt)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      <Button size="xs" variant="light" onClick={() => setEditing({ id: u.id, version: u.version, name: u.name, displayName: u.displayName, role: u.role, agentId: u.agentId ?? '', flowIds: u.flowIds ?? [], password: '' })} aria-label={`Change ${u.displayName}`}>
                        Change
                      </Button>
                      {u.id !== session?.user.id && (
                        <>
                          <Button size="xs" variant="light" color={u.disabled ? 'green' : 'orange'} onClick={() => void switchOnOff(u)} aria-label={`${u.disabled ? 'Switch on' : 'Switch off'} ${u.displayName}`}>
                            {u.disabled ? 'Switch on' : 'Switch off'}
                          </Button>
                          <Button size="xs" variant="subtle" color="red" onClick={() => void remove(u)} aria-label={`Remove ${u.displayName}`}>
                            Remove
                          </Button>
                        </>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>

      <Paper withBorder p="md">
        <Title order={2} size="h3" mb="xs">
          Access keys for programs
        </Title>
        <Text c="dimmed" size="sm" mb="sm">
          A chat system, a phone system or a script sends a key as <Code>Authorization: Bearer &lt;key&gt;</Code>. Baton keeps only a fingerprint of each key: copy it when it is shown.
        </Text>
        {newSecret && (
          <Alert color="green" title={`The key "${newSecret.name}" (shown this once)`} mb="sm" withCloseButton onClose={() => setNewSecret(null)}>
            <Group gap="xs">
              <Code data-testid="new-key">{newSecret.secret}</Code>
              <CopyButton value={newSecret.secret}>{({ copied, copy }) => <Button size="xs" onClick={copy}>{copied ? 'Copied' : 'Copy'}</Button>}</CopyButton>
            </Group>
          </Alert>
        )}
        <form onSubmit={makeKey}>
          <Group align="end" mb="sm">
            <TextInput label="What uses it" placeholder="e.g. Website chat" value={keyName} onChange={(e) => setKeyName(e.currentTarget.value)} required />
            <NativeSelect label="It may" description={roleDescriptions[keyScope]} value={keyScope} onChange={(e) => setKeyScope(e.currentTarget.value as TokenScope)} data={tokenScopes.map((s) => ({ value: s, label: roleNames[s] }))} w={360} />
            <Button type="submit">Make a key</Button>
          </Group>
        </form>
        <Table striped aria-label="Access keys">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>What uses it</Table.Th>
              <Table.Th>May</Table.Th>
              <Table.Th>Begins with</Table.Th>
              <Table.Th>Made</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tokens.map((t) => (
              <Table.Tr key={t.id}>
                <Table.Td>{t.name}</Table.Td>
                <Table.Td>{roleNames[t.scope]}</Table.Td>
                <Table.Td>
                  <Code>{t.prefix}…</Code>
                </Table.Td>
                <Table.Td>
                  {when(t.createdAt)} by {t.createdBy}
                </Table.Td>
                <Table.Td>{when(t.lastUsedAt)}</Table.Td>
                <Table.Td>
                  {t.revokedAt ? (
                    <Badge color="gray">Revoked {when(t.revokedAt)}</Badge>
                  ) : (
                    <Button size="xs" variant="subtle" color="red" onClick={() => void revoke(t)} aria-label={`Revoke ${t.name}`}>
                      Revoke
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>

      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing?.id ? `Change ${editing.displayName}` : 'Add a person'}>
        {editing && (
          <form onSubmit={save}>
            <Stack>
              {formError && (
                <Alert color="red" role="alert">
                  {formError}
                </Alert>
              )}
              <TextInput label="Sign-in name" description="Letters, digits and . _ - @" value={editing.name} disabled={!!editing.id} onChange={(e) => setEditing({ ...editing, name: e.currentTarget.value })} required />
              <TextInput label="Name" description="How Baton shows them" value={editing.displayName} onChange={(e) => setEditing({ ...editing, displayName: e.currentTarget.value })} />
              <NativeSelect label="Role" description={roleDescriptions[editing.role]} value={editing.role} onChange={(e) => setEditing({ ...editing, role: e.currentTarget.value as Role })} data={roles.map((r) => ({ value: r, label: roleNames[r] }))} />
              {editing.role === 'agent' && (
                <NativeSelect
                  label="Agent"
                  description="The desk they take calls at (Settings → Agents)"
                  value={editing.agentId}
                  onChange={(e) => setEditing({ ...editing, agentId: e.currentTarget.value })}
                  data={[{ value: '', label: 'Choose…' }, ...agents.map((a) => ({ value: a.id, label: a.name }))]}
                  required
                />
              )}
              {worksOnFlows(editing.role) && (
                <MultiSelect
                  label="Works on"
                  description="The flows whose calls, analytics and settings they see, and on the wallboard the queues those flows hand calls to. Leave empty for every flow."
                  placeholder={editing.flowIds.length ? undefined : 'Every flow'}
                  data={flows.map((f) => ({ value: f.id, label: f.name }))}
                  value={editing.flowIds}
                  onChange={(flowIds) => setEditing({ ...editing, flowIds })}
                  searchable
                  clearable
                />
              )}
              <PasswordInput
                label={editing.id ? 'New password' : 'Password'}
                description={editing.id ? 'Leave empty to keep theirs. A new one signs them out everywhere.' : 'At least 10 characters; tell them in person.'}
                value={editing.password}
                onChange={(e) => setEditing({ ...editing, password: e.currentTarget.value })}
                required={!editing.id}
                autoComplete="new-password"
              />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setEditing(null)}>
                  Cancel
                </Button>
                <Button type="submit">{editing.id ? 'Save' : 'Add'}</Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </Stack>
  );
}
