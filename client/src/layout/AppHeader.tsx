/** The product bar at the top of every page. */
export function AppHeader() {
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
          <a href="/">Flows</a>
          <a href="/personas">Simulated callers</a>
          <a href="/settings/queues">Queues</a>
          <a href="/settings/agents">Agents</a>
          <a href="/settings/numbers">Phone numbers</a>
          <a href="/supervisor">Wallboard</a>
          <a href="/analytics">Analytics</a>
          <a href="/agent">Agent desk</a>
        </nav>
      </div>
    </header>
  );
}
