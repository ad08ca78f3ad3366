import { Menu, UnstyledButton } from '@mantine/core';
import { roleDescriptions, roleNames } from '@baton/shared';
import { csrfHeaders } from '../api/csrf.ts';
import { pagesOf, useSession } from '../session/session.ts';

const PAGES: Array<[string, string]> = [
  ['/', 'Flows'],
  ['/personas', 'Simulated callers'],
  ['/supervisor', 'Wallboard'],
  ['/analytics', 'Analytics'],
  ['/agent', 'Agent desk'],
];

/** The contact center's set-up, an admin's: under one Settings menu, so the bar fits on one line at 1024 wide. */
const SETTINGS: Array<[string, string]> = [
  ['/settings/queues', 'Queues'],
  ['/settings/agents', 'Agents'],
  ['/settings/numbers', 'Phone numbers'],
  ['/settings/people', 'People'],
  ['/settings/audit', 'Audit'],
];

const here = (href: string) => (href === '/' ? ['/', '/flows'].includes(window.location.pathname) || window.location.pathname.startsWith('/flows/') : window.location.pathname.startsWith(href));

async function signOut() {
  await fetch('/api/session', { method: 'DELETE', headers: csrfHeaders() }).catch(() => undefined);
  window.location.assign('/sign-in');
}

/** The product bar at the top of every page: the pages the signed-in person's role works in, and who they are. */
export function AppHeader() {
  const session = useSession();
  const role = session?.user.role ?? 'admin';
  const settings = SETTINGS.filter(([href]) => pagesOf[role].includes(href));
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="app-header__inner">
        <a className="brand" href="/">
          <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="8" />
            <path d="M9 22 L23 10" />
            <circle cx="23" cy="10" r="2.6" />
          </svg>
          <span className="brand__name">Baton</span>
        </a>
        <p className="app-header__tagline">Design how calls pass between AI and people, and when a person takes over.</p>
        <nav className="app-header__nav" aria-label="Pages">
          {PAGES.filter(([href]) => pagesOf[role].includes(href)).map(([href, name]) => (
            <a key={href} href={href} aria-current={here(href) ? 'page' : undefined}>
              {name}
            </a>
          ))}
          {settings.length > 0 && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton className={`app-header__menu${settings.some(([href]) => here(href)) ? ' is-current' : ''}`}>
                  Settings <span aria-hidden="true">▾</span>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                {settings.map(([href, name]) => (
                  <Menu.Item key={href} component="a" href={href} aria-current={here(href) ? 'page' : undefined}>
                    {name}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          )}
        </nav>
        {session && (
          <div className="app-header__user">
            <span title={roleDescriptions[role]}>
              {session.user.displayName} · {roleNames[role]}
            </span>
            <button type="button" className="app-header__sign-out" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        )}
      </div>
    </header>
  );
}
