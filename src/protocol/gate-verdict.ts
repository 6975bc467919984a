/** One gate's showing in the semaphore-leak lesson. */
export interface GateVerdict {
  gate: string
  /** How the workload used the gate. */
  usage: string
  completed: number
  failed: number
  timedOut: number
  /** Tasks answered at their run timeout while their work went on (the release-on-timeout gate). */
  runTimeouts?: number
  /** Tasks still waiting when the workload's deadline came: deadlocked. */
  stuck: number
  /** Most tasks running at once, against the permit count. */
  peakRunning: number
  /** The permit count the workload ran with. */
  permits?: number
  /** Permits the gate believes held after everything ended. */
  inUseAfter: number
  verdict: string
}
