import { useEffect, useState } from 'react';
import { useSignInForm } from './useSignInForm.ts';
import { Alert, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import type { SessionView } from '@baton/shared';
import { fetchJson, sendJson } from '../api/fetchJson.ts';
import { pagesOf } from './session.ts';

/** Where to go after signing in: the page asked for (on this site only), else the role's first page. */
function nextPage(session: SessionView): string {
  const next = new URLSearchParams(window.location.search).get('next');
  if (next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in')) return next;
  return pagesOf[session.user.role][0] ?? '/';
}

/** Sign in (/sign-in): name and password; too many failures and the server asks to wait. */
export function SignInPage() {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  // A Baton nobody has set up yet: say where the first admin's link is.
  const [setupNeeded, setSetupNeeded] = useState(false);
  useEffect(() => {
    fetchJson<{ needed: boolean }>('/api/setup').then((s) => setSetupNeeded(s.needed), () => undefined);
  }, []);
  const { error, busy, submit } = useSignInForm(async () => nextPage(await sendJson<SessionView>('/api/session', 'POST', { name, password })));

  return (
    <Paper className="sign-in" withBorder p="xl" radius="md" component="form" onSubmit={submit} aria-labelledby="sign-in-title">
      <Stack gap="md">
        <Title order={1} id="sign-in-title">
          Sign in to Baton
        </Title>
        <Text c="dimmed">Use the sign-in name and password your admin gave you.</Text>
        {setupNeeded && (
          <Alert color="blue" title="Nobody has an account yet">
            Open the link Baton printed when it started (it ends in /welcome?code=…) to become its first admin, or start Baton with BATON_ADMIN_PASSWORD set and sign in as “admin”.
          </Alert>
        )}
        {error && (
          <Alert color="red" role="alert" title="Could not sign in">
            {error}
          </Alert>
        )}
        <TextInput label="Sign-in name" autoComplete="username" value={name} onChange={(e) => setName(e.currentTarget.value)} required autoFocus />
        <PasswordInput label="Password" visibilityToggleButtonProps={{ 'aria-label': 'Show or hide the password' }} autoComplete="current-password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} required />
        <Button type="submit" loading={busy}>
          Sign in
        </Button>
        <Text size="sm" c="dimmed">
          Forgot your password? An admin can set a new one in Settings → People.
        </Text>
      </Stack>
    </Paper>
  );
}
