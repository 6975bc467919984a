import type { RunRequest } from '../../../../src/protocol/request'
import type { Store } from '../../store-types'
import { parseLimits } from '../editor/limits'

/** How many runs one window may have in flight: enough to load the gate, not to flood it by a stuck key. */
export const MAX_RUNS_IN_FLIGHT = 64

export const selectInFlightCount = (state: Store) => Object.keys(state.inFlight).length
export const selectShownRunInFlight = (state: Store) =>
  state.shownRunId !== null && state.shownRunId in state.inFlight
export const selectStartRun = (state: Store) => state.startRun
export const selectStopRuns = (state: Store) => state.stopRuns

/** Why Run is unavailable right now, or null when it is available. */
export const selectRunBlockedReason = (state: Store): string | null => {
  // Requests made while connecting wait in the bridge's queue: only a closed connection blocks.
  if (state.connection.status === 'closed') return 'Not connected to the Gatehouse core'
  if (state.inputError !== null) return 'Fix the input JSON first'
  const { errors } = parseLimits(state.limitsDraft, state.settings)
  const limitError = Object.values(errors)[0]
  if (limitError) return `Fix the run limits first: ${limitError}`
  if (selectInFlightCount(state) >= MAX_RUNS_IN_FLIGHT)
    return `${MAX_RUNS_IN_FLIGHT} runs are in flight from this window: wait for some to finish`
  return null
}

/** What a run is submitted with, apart from its id. */
export const selectSubmission = (state: Store): Omit<RunRequest, 'id'> => {
  const { limits } = parseLimits(state.limitsDraft, state.settings)
  const submission: Omit<RunRequest, 'id'> = { code: state.code, language: state.language }
  if (state.inputText.trim() !== '') submission.input = state.inputText
  if (Object.keys(limits).length > 0) submission.limits = limits
  if (state.traceRuns) submission.trace = true
  return submission
}

/** For the toolbar: use with useShallow. */
export const selectRunControls = (state: Store) => ({
  inFlightCount: selectInFlightCount(state),
  blockedReason: selectRunBlockedReason(state),
  startRun: state.startRun,
  stopRuns: state.stopRuns,
  traceRuns: state.traceRuns,
  setTraceRuns: state.setTraceRuns,
})

/** For the result: use with useShallow. */
export const selectRunView = (state: Store) => ({
  runId: state.shownRunId,
  inFlight: selectShownRunInFlight(state),
  submittedAt: state.shownSubmittedAt,
  outcome: state.lastOutcome,
  requestError: state.runRequestError,
  tab: state.resultTab,
  setTab: state.setResultTab,
})

/** For the console: use with useShallow. */
export const selectConsoleView = (state: Store) => ({
  entries: state.consoleEntries,
  overflow: state.consoleOverflow,
  clearConsole: state.clearConsole,
  waiting: selectInFlightCount(state) > 0,
})

export const selectLastOutcome = (state: Store) => state.lastOutcome
