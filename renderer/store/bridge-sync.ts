import type { Bridge } from '../bridge'
import type { AppStore } from './index'

/**
 * Feeds the store from the bridge: connection changes, telemetry batches, and
 * a first gate snapshot once the connection is open (telemetry only arrives
 * when something changes). Returns the unsubscribe.
 */
export function syncStoreWithBridge(store: AppStore, bridge: Bridge): () => void {
  const requestSnapshot = () => {
    bridge.api
      .snapshot({})
      .then((snapshot) => store.getState().setGateSnapshot(snapshot))
      .catch((error: unknown) => console.warn('Gatehouse: no gate snapshot', error))
  }

  const unsubscribeConnection = bridge.connection.subscribe((state) => {
    store.getState().setConnection(state)
    if (state.status === 'open') requestSnapshot()
  })
  const unsubscribeTelemetry = bridge.api.onTelemetry((batch) =>
    store.getState().applyTelemetry(batch),
  )

  // The bridge may have settled before this subscription: catch up.
  const current = bridge.connection.get()
  store.getState().setConnection(current)
  if (current.status === 'open') requestSnapshot()

  return () => {
    unsubscribeConnection()
    unsubscribeTelemetry()
  }
}
