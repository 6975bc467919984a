/** A run id short enough for a narrow column; the window's own ids (`run-k3f9-12`) already are. */
export function shortRunId(runId: string): string {
  return runId.length > 20 ? `${runId.slice(0, 9)}…${runId.slice(-9)}` : runId
}
