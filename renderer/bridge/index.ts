import type { GatehouseApi } from '../../src/protocol/api'
import type { Bridge } from './bridge'
import { createPreloadBridge } from './preload'
import type { TokenKeeper } from './websocket'
import { createWebSocketBridge, resolveWebSocketTarget } from './websocket'

export type { Bridge } from './bridge'
export type { ConnectionSource, ConnectionState, ConnectionStatus } from './connection'

/**
 * Picks the bridge once, at start: the Electron preload's `window.gatehouse`
 * when it exists, else the browser edition's WebSocket back to the server that
 * served this page.
 */
export function connectBridge(): Bridge {
  // Read, not declared on Window: the preload owns that declaration.
  const preloadApi = (window as Window & { gatehouse?: GatehouseApi }).gatehouse
  if (preloadApi) return createPreloadBridge(preloadApi)
  return createWebSocketBridge(resolveWebSocketTarget(window.location, tokenKeeper()))
}

function tokenKeeper(): TokenKeeper {
  let storage: Storage | null = null
  try {
    storage = window.sessionStorage
  } catch {
    // Storage disabled: the token works for this load only.
  }
  return {
    storage,
    replaceUrl: (url) => window.history.replaceState(window.history.state, '', url),
  }
}
