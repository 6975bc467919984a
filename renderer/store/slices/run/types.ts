import type { ErrorType, LogLevel, RunLogChunk, RunOutcome } from '../../../../src/protocol/outcome'

/**
 * A line in the Console panel: a run's header, or one line it logged. A run
 * still running has a 'running' header and the lines streamed so far; its
 * outcome replaces them with its whole log.
 */
export type ConsoleEntry =
  | {
      kind: 'run'
      key: number
      runId: string
      /** Epoch milliseconds the run ended (submitted + its total time), or its first line came while running. */
      at: number
      status: 'ok' | 'error' | 'running'
      errorType?: ErrorType
      totalMs: number
      lineCount: number
      droppedLogs: number
    }
  | {
      kind: 'log'
      key: number
      runId: string
      level: LogLevel
      text: string
      at: number
      /** Where the text holds objects' JSON (see LogEntry). */
      spans?: number[]
    }

export interface RunSlice {
  /** Runs this window submitted that have no outcome yet: id -> epoch ms submitted. */
  inFlight: Record<string, number>
  /** The run the Result panel shows: the one submitted last. */
  shownRunId: string | null
  /** Epoch milliseconds the shown run was submitted. */
  shownSubmittedAt: number | null
  /** The shown run's outcome, once it has one. */
  lastOutcome: RunOutcome | null
  /** The request itself failed (no connection, refused payload): no outcome exists. */
  runRequestError: string | null
  /** Every run's console lines, with a header per run, oldest first; capped. */
  consoleEntries: ConsoleEntry[]
  /** Console lines dropped by the window's own cap (the sandbox's drops are per run). */
  consoleOverflow: number
  /** Whether Run asks for the event-loop trace (the Trace toggle); off until turned on. */
  traceRuns: boolean
  setTraceRuns: (on: boolean) => void
  /** Submits the editor's code, input, language and limits as a new run. Runs may overlap. */
  startRun: () => Promise<void>
  /** Asks the core to stop every run this window has in flight; each ends as CancelledError. */
  stopRuns: () => Promise<void>
  clearConsole: () => void
  /** Console lines of this window's runs still running, from the telemetry. */
  applyRunLogs: (chunks: readonly RunLogChunk[]) => void
}
