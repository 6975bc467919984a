/** The stress lab: design a stress run, watch it live, read its report. */
export function StressLab() {
  return (
    <main className="view-placeholder" aria-label="Stress lab">
      <p>The stress lab is being built.</p>
    </main>
  )
}
