import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/fetchJson.ts';

/** A form that signs someone in and then leaves the page: busy while it runs, the server's words when it fails. */
export function useSignInForm(send: () => Promise<string>) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      window.location.assign(await send());
    } catch (e) {
      setError(e instanceof ApiError ? `${e.message}.` : e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };
  return { error, busy, submit };
}
