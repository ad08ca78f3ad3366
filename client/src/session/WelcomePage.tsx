import { useState } from 'react';
import { useSignInForm } from './useSignInForm.ts';
import { Alert, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { sendJson } from '../api/fetchJson.ts';

/**
 * The first admin (/welcome?code=…): the link Baton prints on its first start, when nobody has an account yet and no
 * BATON_ADMIN_PASSWORD was given. It works once.
 */
export function WelcomePage() {
  const code = new URLSearchParams(window.location.search).get('code') ?? '';
  const [name, setName] = useState('admin');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const { error, busy, submit } = useSignInForm(async () => {
    if (password !== again) throw new Error('The two passwords are not the same. Type them again.');
    await sendJson('/api/setup', 'POST', { code, name, displayName: displayName || undefined, password });
    return '/';
  });

  return (
    <Paper className="sign-in" withBorder p="xl" radius="md" component="form" onSubmit={submit} aria-labelledby="welcome-title">
      <Stack gap="md">
        <Title order={1} id="welcome-title">
          Welcome to Baton
        </Title>
        <Text>You are the first person here. Choose how you will sign in: you will be the admin, and can then add everyone else in Settings → People.</Text>
        {!code && (
          <Alert color="yellow" title="This page needs the link Baton printed">
            Open the link from the server's start-up message (it ends in ?code=…), or start Baton with BATON_ADMIN_PASSWORD set.
          </Alert>
        )}
        {error && (
          <Alert color="red" role="alert" title="Could not set up the first admin">
            {error}
          </Alert>
        )}
        <TextInput label="Sign-in name" description="Letters, digits and . _ - @" autoComplete="username" value={name} onChange={(e) => setName(e.currentTarget.value)} required />
        <TextInput label="Your name" description="How Baton shows you to others" autoComplete="name" value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} />
        <PasswordInput label="Password" description="At least 10 characters" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} required />
        <PasswordInput label="Password again" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.currentTarget.value)} required />
        <Button type="submit" loading={busy} disabled={!code}>
          Become the admin
        </Button>
      </Stack>
    </Paper>
  );
}
