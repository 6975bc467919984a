import type { GatehouseApi } from '../../src/protocol/api'
import type { Bridge } from './bridge'
import { createConnectionController } from './connection'

/** Wraps the api the Electron preload exposed; it lives as long as the window. */
export function createPreloadBridge(api: GatehouseApi): Bridge {
  return { kind: 'electron', api, connection: createConnectionController({ status: 'open' }) }
}
