/** Shown for an address Baton has no page for. */
export function NotFoundPage() {
  return (
    <section className="panel" aria-labelledby="not-found-title">
      <h1 id="not-found-title">This page does not exist</h1>
      <p>
        The address may be mistyped, or the page may have moved. <a href="/">Go to all flows</a>.
      </p>
    </section>
  );
}
