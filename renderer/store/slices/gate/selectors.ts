import type { Store } from '../../store-types'

export const selectGateSnapshot = (state: Store) => state.gateSnapshot
export const selectEventLog = (state: Store) => state.eventLog

/** The snapshot and when it arrived, for views that tick between snapshots: use with useShallow. */
export const selectGateView = (state: Store) => ({
  snapshot: state.gateSnapshot,
  receivedAt: state.snapshotReceivedAt,
})

export const selectGateActions = (state: Store) => ({
  resetStats: state.resetStats,
  clearEventLog: state.clearEventLog,
})
