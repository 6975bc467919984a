let counter = 0

/** A run id the protocol accepts (`[A-Za-z0-9_.:-]{1,64}`), unique within this window. */
export function nextRunId(nowMs: number): string {
  counter += 1
  return `run-${nowMs}-${counter}`
}
