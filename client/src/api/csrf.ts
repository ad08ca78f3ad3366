import { CSRF_COOKIE, CSRF_HEADER } from '@baton/shared';

/** The page's security token, which every change sends back (X-CSRF-Token); set by the server at sign-in. */
export function csrfHeaders(): Record<string, string> {
  const match = new RegExp(`(?:^|;\\s*)${CSRF_COOKIE}=([^;]*)`).exec(document.cookie);
  return match ? { [CSRF_HEADER]: decodeURIComponent(match[1]) } : {};
}

let leaving = false;

/**
 * The sign-in page, coming back to this page afterwards. Once only: several requests refused at once (the session
 * read and a page's data) must not start several navigations, each cancelling the one before.
 */
export function goToSignIn(): void {
  const here = window.location.pathname + window.location.search;
  if (leaving || window.location.pathname === '/sign-in') return;
  leaving = true;
  window.location.assign(`/sign-in?next=${encodeURIComponent(here)}`);
}
