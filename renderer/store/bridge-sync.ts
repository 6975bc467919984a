import type { MenuCommand } from '../../src/protocol/menu'
import type { Bridge } from '../bridge'
import type { AppStore } from './index'

/**
 * What the desktop menu asks for that the playground does itself. File
 * commands (new, open, save...) belong to the files feature, which does not
 * have a window side yet: they are ignored here.
 */
export function handleMenuCommand(store: AppStore, command: MenuCommand): boolean {
  const state = store.getState()
  switch (command.type) {
    case 'run':
      void state.startRun()
      return true
    case 'stop':
      void state.stopRuns()
      return true
    case 'settings':
      state.setSettingsOpen(true)
      return true
    case 'examples':
      state.setExamplesOpen(true)
      return true
    default:
      return false
  }
}

/**
 * Feeds the store from the bridge: connection changes, telemetry batches, and
 * once the connection is open a first gate snapshot and the settings
 * (telemetry only arrives when something changes). Returns the unsubscribe.
 */
export function syncStoreWithBridge(store: AppStore, bridge: Bridge): () => void {
  const onOpen = () => {
    void store.getState().refreshSnapshot()
    void store.getState().loadSettings()
  }

  const unsubscribeConnection = bridge.connection.subscribe((state) => {
    store.getState().setConnection(state)
    if (state.status === 'open') onOpen()
  })
  const unsubscribeTelemetry = bridge.api.onTelemetry((batch) =>
    store.getState().applyTelemetry(batch),
  )
  const unsubscribeMenu = bridge.api.onMenuCommand?.((command) => {
    if (!handleMenuCommand(store, command))
      console.info(
        `Gatehouse: the menu command "${command.type}" is not handled by this window yet`,
      )
  })

  // The bridge may have settled before this subscription: catch up.
  const current = bridge.connection.get()
  store.getState().setConnection(current)
  if (current.status === 'open') onOpen()

  return () => {
    unsubscribeConnection()
    unsubscribeTelemetry()
    unsubscribeMenu?.()
  }
}
