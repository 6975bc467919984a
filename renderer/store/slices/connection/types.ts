import type { ConnectionState } from '../../../bridge'

export interface ConnectionSlice {
  connection: ConnectionState
  setConnection: (connection: ConnectionState) => void
}
