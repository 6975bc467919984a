import type { GatehouseApi } from '../../src/protocol/api'
import type { ConnectionSource } from './connection'

/** The api the window talks to, plus whether it can currently reach the core. */
export interface Bridge {
  /** Which transport carries the calls; for diagnostics only, components never branch on it. */
  kind: 'electron' | 'websocket'
  api: GatehouseApi
  connection: ConnectionSource
}
