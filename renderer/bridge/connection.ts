/**
 * Whether the window can reach the core. The Electron preload is always
 * connected; the browser edition's WebSocket can be refused or lost, and the
 * UI has to say so instead of leaving a Run button that silently does nothing.
 */
export type ConnectionStatus = 'connecting' | 'open' | 'closed'

export interface ConnectionState {
  status: ConnectionStatus
  /** Why the connection is not open, in words a user can act on. */
  message?: string
}

export interface ConnectionSource {
  get(): ConnectionState
  /** Calls `listener` on every change; returns the unsubscribe. */
  subscribe(listener: (state: ConnectionState) => void): () => void
}

/** A connection state that the bridge owning it can update. */
export interface ConnectionController extends ConnectionSource {
  set(state: ConnectionState): void
}

export function createConnectionController(initial: ConnectionState): ConnectionController {
  let current = initial
  const listeners = new Set<(state: ConnectionState) => void>()
  return {
    get: () => current,
    set(state) {
      current = state
      for (const listener of listeners) listener(state)
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
