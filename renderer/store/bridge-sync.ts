import type { MenuCommand } from '../../src/protocol/menu'
import type { Bridge } from '../bridge'
import { runViewAction, stopViewAction } from '../components/Toolbar/view-action'
import type { AppStore } from './index'
import { handleFileMenuCommand } from './slices/file/menu-commands'
import { trackFileChanges } from './slices/file/tracking'

/**
 * What the desktop menu asks for: the playground's own commands here, the
 * file commands (new, open, save...) in the file slice's handler.
 */
export function handleMenuCommand(store: AppStore, command: MenuCommand): boolean {
  const state = store.getState()
  switch (command.type) {
    case 'run':
      // The view's own action: a lesson in Lessons, the stress in the lab.
      runViewAction(state)
      return true
    case 'stop':
      stopViewAction(state)
      return true
    case 'close-tab':
      state.closeTab(state.activeTabId)
      return true
    case 'settings':
      state.setSettingsOpen(true)
      return true
    case 'examples':
      state.setExamplesOpen(true)
      return true
    default:
      return handleFileMenuCommand(store, command)
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
    void store.getState().initFiles()
  }
  // Unsaved changes: the dirty mark, the core told, the recovery draft.
  const stopFileTracking = trackFileChanges(store, bridge.api)

  const unsubscribeConnection = bridge.connection.subscribe((state) => {
    store.getState().setConnection(state)
    if (state.status === 'open') onOpen()
  })
  const unsubscribeTelemetry = bridge.api.onTelemetry((batch) => {
    store.getState().applyTelemetry(batch)
    // Console lines of this window's runs still running.
    if (batch.logs) store.getState().applyRunLogs(batch.logs)
    // The stress lab's gauge, progress and end (stress.* events).
    store.getState().applyStressTelemetry(batch)
  })
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
    stopFileTracking()
  }
}
