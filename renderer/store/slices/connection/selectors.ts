import type { Store } from '../../store-types'

export const selectConnection = (state: Store) => state.connection
export const selectIsConnected = (state: Store) => state.connection.status === 'open'
