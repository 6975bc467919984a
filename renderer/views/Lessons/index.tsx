/** The lessons: what the sandbox stops, run by run. */
export function Lessons() {
  return (
    <main className="view-placeholder" aria-label="Lessons">
      <p>The lessons are being built.</p>
    </main>
  )
}
