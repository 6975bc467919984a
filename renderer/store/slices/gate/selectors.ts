import type { Store } from '../../store-types'

export const selectGateSnapshot = (state: Store) => state.gateSnapshot
