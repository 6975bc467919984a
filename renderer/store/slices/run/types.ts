import type { RunOutcome } from '../../../../src/protocol/outcome'

export type RunStatus = 'idle' | 'running'

export interface RunSlice {
  /** The run in flight, or the last one submitted. */
  runId: string | null
  runStatus: RunStatus
  /** Epoch milliseconds when the current run was submitted. */
  runStartedAt: number | null
  /** The outcome of the last run that finished. */
  lastOutcome: RunOutcome | null
  /** The request itself failed (no connection, refused payload): no outcome exists. */
  runRequestError: string | null
  /** Submits the editor's code and input as a new run; ignored while one runs. */
  startRun: () => Promise<void>
  /** Asks the core to stop the current run; its outcome then arrives as CancelledError. */
  stopRun: () => Promise<void>
}
