import type { ConnectionState } from '../../../bridge'
import type { SliceCreator } from '../../store-types'
import type { ConnectionSlice } from './types'

export const createConnectionSlice =
  (initial: ConnectionState): SliceCreator<ConnectionSlice> =>
  (set) => ({
    connection: initial,
    setConnection: (connection) => set({ connection }),
  })
