/** Tells this window's runs from another window's in the shared gate. */
const windowTag = Math.random().toString(36).slice(2, 6).padEnd(4, '0')
let counter = 0

/**
 * A run id the protocol accepts (`[A-Za-z0-9_.:-]{1,64}`), unique within this
 * window and short enough to read in the Gate panel: `run-k3f9-12`.
 */
export function nextRunId(): string {
  counter += 1
  return `run-${windowTag}-${counter}`
}
