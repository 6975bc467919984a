import type { Store } from '../../store-types'

export const selectRunStatus = (state: Store) => state.runStatus
export const selectStartRun = (state: Store) => state.startRun

/** Why Run is unavailable right now, or null when it is available. */
export const selectRunBlockedReason = (state: Store): string | null => {
  // Requests made while connecting wait in the bridge's queue: only a closed connection blocks.
  if (state.connection.status === 'closed') return 'Not connected to the Gatehouse core'
  if (state.inputError !== null) return 'Fix the input JSON first'
  if (state.runStatus === 'running') return 'A run is in progress'
  return null
}

/** For the toolbar: use with useShallow. */
export const selectRunControls = (state: Store) => ({
  runStatus: state.runStatus,
  blockedReason: selectRunBlockedReason(state),
  canStop: state.runStatus === 'running',
  startRun: state.startRun,
  stopRun: state.stopRun,
})

/** For the result and console: use with useShallow. */
export const selectRunView = (state: Store) => ({
  runId: state.runId,
  runStatus: state.runStatus,
  runStartedAt: state.runStartedAt,
  outcome: state.lastOutcome,
  requestError: state.runRequestError,
})
