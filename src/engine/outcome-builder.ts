import type { LaneResult } from '../protocol/host-messages'
import type { ErrorOutcome, OkOutcome, Route, RunOutcome } from '../protocol/outcome'
import { lostTrace } from '../protocol/trace'

/** What the main process knows of a run besides the host's result. */
export interface RunContext {
  id: string
  /** The route the analyzer chose, and why. */
  route: Route
  routeReason: string
  /** performance.now() at submission, and when the permit was granted. */
  submittedAt: number
  admittedAt: number
  /** Epoch ms minus performance.now() in this process: turns the host's epoch stamps into this clock. */
  epochOffset: number
  now: number
  /** The request asked for a trace. */
  trace?: boolean
}

/**
 * Turns a lane's result into the run's outcome: the value parsed from the
 * JSON the sandbox produced, the route it ended on, and its timings from the
 * stamps the host reported (waiting for a permit, then for a lane, then
 * running). Pure: everything it needs is in its arguments.
 */
export function buildOutcome(result: LaneResult, run: RunContext): RunOutcome {
  const startedAt = result.startedAt === undefined ? undefined : result.startedAt - run.epochOffset
  const permitWaitMs = run.admittedAt - run.submittedAt
  // The stamps come from two clocks; never let a rounding make a wait negative.
  const queuedMs =
    startedAt === undefined
      ? run.now - run.submittedAt
      : Math.max(permitWaitMs, startedAt - run.submittedAt)
  const timing = {
    queuedMs,
    runMs: result.runMs,
    totalMs: run.now - run.submittedAt,
    permitWaitMs,
    laneWaitMs: Math.max(0, queuedMs - permitWaitMs),
  }
  const routeReason =
    result.route !== run.route
      ? `${run.routeReason}; it returned a promise, so it continued on the event loop`
      : run.routeReason
  const outcome = {
    id: run.id,
    status: 'ok',
    logs: result.logs,
    route: result.route,
    routeReason,
    timing,
  } as RunOutcome
  if (result.lane >= 0) outcome.lane = result.lane
  if (result.droppedLogs > 0) outcome.droppedLogs = result.droppedLogs
  if (result.trace) outcome.trace = result.trace
  else if (run.trace && result.error && result.startedAt !== undefined)
    // It ran, but its events went with its lane: say how it ended.
    outcome.trace = lostTrace(result.error, result.runMs)
  if (result.status === 'error' || result.error) {
    const failed = outcome as ErrorOutcome
    failed.status = 'error'
    failed.error = result.error ?? {
      type: 'PanicError',
      cause: 'lane-abort',
      message: 'The lane reported a failure without saying what it was',
    }
    return failed
  }
  if (result.valueJson === undefined) return outcome
  try {
    ;(outcome as OkOutcome).value = JSON.parse(result.valueJson) as unknown
    return outcome
  } catch (error) {
    // Only a sandbox that broke its own serializer gets here.
    const failed = outcome as ErrorOutcome
    failed.status = 'error'
    failed.error = {
      type: 'ResultError',
      message: `The result was not valid JSON: ${(error as Error).message}`,
    }
    return failed
  }
}
