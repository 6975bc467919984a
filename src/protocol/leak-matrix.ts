import type { ErrorType } from './outcome'

/**
 * The leak matrix: every path a run can take through the gate, numbered as
 * the Go service Gatehouse grew out of numbered them when its authors
 * reviewed Execute for semaphore leaks, plus the ninth path they missed.
 */
/** The ids of the runs a play of path `n` submits start with this (`matrix3-p6-probe`). */
export function matrixRunPrefix(play: number, n: number): string {
  return `matrix${play}-p${n}`
}

/** Whether a run is one a leak-matrix path submitted. */
export function isMatrixRunId(runId: string): boolean {
  return /^matrix\d+-p\d+-/.test(runId)
}

export interface MatrixPath {
  n: number
  name: string
  /** One line: what happens on this path, in Gatehouse. */
  explanation: string
  /** What the path must end with when driven through a sound core. */
  expect: 'ok' | ErrorType
  /** Whether a run on this path holds a permit (and so must give it back). */
  takesPermit: boolean
}

export const MATRIX_PATHS: readonly MatrixPath[] = [
  {
    n: 1,
    name: 'input validation fails',
    explanation:
      'The request is refused before it reaches the gate (here: input that is not JSON), so no permit is taken.',
    expect: 'ValidationError',
    takesPermit: false,
  },
  {
    n: 2,
    name: 'the permit wait times out',
    explanation:
      'Every permit is held by other runs; the wait outlasts its timeout and ends as ConcurrencyError without a permit.',
    expect: 'ConcurrencyError',
    takesPermit: false,
  },
  {
    n: 3,
    name: 'normal execution',
    explanation:
      'The run takes a permit, runs on a lane, returns its value, and the permit comes back.',
    expect: 'ok',
    takesPermit: true,
  },
  {
    n: 4,
    name: 'panic in the synchronous runtime pool, recovered',
    explanation:
      'A synchronous (pool) run crashes its lane’s thread (injected); it ends as PanicError, the lane is replaced, the permit comes back.',
    expect: 'PanicError',
    takesPermit: true,
  },
  {
    n: 5,
    name: 'panic in the async event loop, recovered',
    explanation:
      'An async (loop) run crashes its lane while its event loop waits for a timer (injected); PanicError, a new lane, the permit back.',
    expect: 'PanicError',
    takesPermit: true,
  },
  {
    n: 6,
    name: 'execution timeout',
    explanation:
      'A loop that never ends passes its deadline; the interrupt handler stops it, then the permit comes back.',
    expect: 'TimeoutError',
    takesPermit: true,
  },
  {
    n: 7,
    name: 'the user’s code throws',
    explanation: 'The script throws; the run ends as ScriptError and the permit comes back.',
    expect: 'ScriptError',
    takesPermit: true,
  },
  {
    n: 8,
    name: 'timeout waiting for a pooled runtime, permit held',
    explanation:
      'The run holds its permit while waiting for a lane that is wedged (injected hang); the watchdog gives up on the lane, the run goes to a fresh one, and the permit comes back when it ends.',
    expect: 'ok',
    takesPermit: true,
  },
  {
    n: 9,
    name: 'released on timeout while the work goes on',
    explanation:
      'The hazard the review missed: a gate that answers and releases at the timeout while the script keeps running lets more scripts run than there are permits. Gatehouse stops the work (interrupt or watchdog) before the permit returns.',
    expect: 'TimeoutError',
    takesPermit: true,
  },
]

/** What a run did on a matrix path, in milliseconds from the start of the path. */
export interface MatrixRun {
  id: string
  /** `probe`: the path's own run; `holder`: a run that holds a permit so the probe must wait; `load`: another run of the same path. */
  role: 'probe' | 'holder' | 'load'
  submittedMs: number
  /** When it took a permit (telemetry `run.admitted`); null when it never did. */
  permitTakenMs: number | null
  /** When its script started and stopped on a lane; null when it never ran. */
  startedMs: number | null
  stoppedMs: number | null
  /** When its permit came back (telemetry `permit.released`); null when it had none or it never came back. */
  permitReturnedMs: number | null
  /** When its outcome was delivered. */
  settledMs: number
  outcome: 'ok' | ErrorType
  cause?: string
  lane?: number
}

/** One line of the probe's telemetry, as it happened. */
export interface MatrixEvent {
  atMs: number
  text: string
}

/** A script's running time and its permit, for the overcommit picture of path 9. */
export interface MatrixInterval {
  id: string
  /** When the permit was taken and given back. */
  permitMs: [number, number]
  /** When the script was really running (it can outlive the permit in a broken gate). */
  runningMs: [number, number]
  /** What ended the wait for it: `ok`, an error type, or `released on timeout`. */
  ended: string
}

/** The same number of slow scripts through Gatehouse's core and through a gate that releases on timeout. */
export interface Overcommit {
  permits: number
  gatehouse: { peakRunning: number; intervals: MatrixInterval[] }
  releaseOnTimeout: { peakRunning: number; intervals: MatrixInterval[] }
}

/** A path driven through the real core: the probe's outcome and what the telemetry said. */
export interface MatrixPathResult {
  n: number
  name: string
  outcome: 'ok' | ErrorType
  cause?: string
  /** The outcome's message (or the value for ok), in one line. */
  message: string
  permitTaken: boolean
  permitReturned: boolean
  /** The probe's telemetry, in order. */
  events: MatrixEvent[]
  /** Every run the path submitted, the probe first. */
  runs: MatrixRun[]
  /** Path 9 only. */
  overcommit?: Overcommit
  /** Epoch milliseconds the path started. */
  startedAt: number
  tookMs: number
}

/** Whether a driven path did what the matrix says it does, or why not. */
export function matrixPathProblem(result: MatrixPathResult): string | null {
  const path = MATRIX_PATHS.find((p) => p.n === result.n)
  if (!path) return `there is no path ${result.n}`
  if (result.outcome !== path.expect) return `ended as ${result.outcome}, not ${path.expect}`
  if (result.permitTaken !== path.takesPermit)
    return path.takesPermit ? 'never took a permit' : 'took a permit'
  if (result.permitTaken && !result.permitReturned) return 'its permit did not come back'
  const lost = result.runs.filter(
    (run) => run.permitTakenMs !== null && run.permitReturnedMs === null,
  )
  if (lost.length > 0) return `${lost.length} of its runs kept their permits`
  const { overcommit } = result
  if (overcommit) {
    if (overcommit.gatehouse.peakRunning > overcommit.permits)
      return `Gatehouse ran ${overcommit.gatehouse.peakRunning} scripts at once with ${overcommit.permits} permits`
    if (overcommit.releaseOnTimeout.peakRunning <= overcommit.permits)
      return 'the release-on-timeout gate did not overcommit'
  }
  return null
}
