import { cpus } from 'node:os'
import { join } from 'node:path'
import { app, dialog, screen } from 'electron'
import type { Core } from '../../src/engine/core-api'
import { createCore } from '../../src/engine/create-core'
import { defaultSettings } from '../../src/protocol/settings'
import { withPersistedSettings } from '../../src/settings/persisted-settings'
import { SettingsStore } from '../../src/settings/settings-store'
import { registerAppScheme, setupAppProtocol } from './app-protocol'
import { AppWindows } from './app-windows'
import { CloseGuard } from './close-guard'
import { DesktopFiles } from './desktop-files'
import { DesktopSavedRuns } from './desktop-saved-runs'
import { setupIpc } from './ipc'
import { sendToWindow, setupMenu } from './menu'
import { rendererRoot } from './renderer-location'
import { setupSecurity } from './security'
import { setupTelemetry } from './telemetry'
import { createUtilityHostSpawner } from './utility-host'
import { createMainWindow } from './window'
import { windowChannelHandlers } from './window-channels'
import type { WindowBounds } from './window-state'
import { WindowStateStore } from './window-state'

/** How long quitting waits for running scripts to finish before leaving anyway. */
const SHUTDOWN_TIMEOUT_MS = 5_000

/**
 * A separate profile (settings, recent files, draft, window state, and its
 * own single-instance lock) for tests and side-by-side runs. Must precede
 * the lock and 'ready'.
 */
if (process.env.GATEHOUSE_USER_DATA_DIR)
  app.setPath('userData', process.env.GATEHOUSE_USER_DATA_DIR)

/** Every renderer is sandboxed, whatever a window's own options say. Must precede 'ready'. */
app.enableSandbox()
/** The page's own origin, app://gatehouse (see app-protocol.ts). Must precede 'ready'. */
registerAppScheme()

if (!app.requestSingleInstanceLock()) {
  // Another Gatehouse is running; its 'second-instance' handler shows its window.
  app.quit()
} else {
  main()
}

function main(): void {
  const windows = new AppWindows()
  let corePromise: Promise<Core> | null = null
  let stopTelemetry: (() => void) | null = null
  let quitting: 'no' | 'shutting-down' | 'done' = 'no'
  // Set once the ready handler has opened the first window: before that,
  // 'activate' and 'second-instance' must not open one of their own.
  let started = false
  // Filled in when ready: the remembered bounds and what every window needs.
  let windowBounds: WindowBounds | undefined
  let windowState: WindowStateStore | null = null
  let closeGuard: CloseGuard | null = null
  // Set when a quit starts (Cmd+Q, the Quit item). A window with unsaved
  // changes stops it to ask; when the user then lets the window close, the
  // quit goes on, and when they cancel, it is off.
  let quitRequested = false

  const showWindow = () => {
    const [existing] = windows.all()
    if (!existing) {
      const window = createMainWindow(windows, windowBounds)
      windowState?.track(window)
      closeGuard?.watch(window)
      return
    }
    if (existing.isMinimized()) existing.restore()
    existing.focus()
  }

  app.on('second-instance', () => {
    if (started) showWindow()
  })
  app.on('before-quit', () => {
    quitRequested = true
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    if (started && windows.size === 0) showWindow()
  })

  // Quit waits for the core: queued runs are cancelled, running ones finish
  // (bounded by SHUTDOWN_TIMEOUT_MS) and the sandbox host ends.
  app.on('will-quit', (event) => {
    if (quitting === 'done') return
    event.preventDefault()
    if (quitting === 'shutting-down') return
    quitting = 'shutting-down'
    stopTelemetry?.()
    void shutdownCore(corePromise).finally(() => {
      quitting = 'done'
      app.quit()
    })
  })
  // No SIGINT/SIGTERM handler here: Electron's own (POSIX) handler already
  // turns them into app.quit(), which takes the path above.

  app
    .whenReady()
    .then(async () => {
      setupSecurity()
      setupAppProtocol(rendererRoot(__dirname))
      const userDataDir = app.getPath('userData')

      // Settings first: the core is built with them. A bad file cannot stop
      // the start: it falls back to defaults and settings:status says why.
      const settingsStore = new SettingsStore(
        join(userDataDir, 'settings.json'),
        defaultSettings(cpus().length),
      )
      windowState = new WindowStateStore(join(userDataDir, 'window-state.json'))
      windowBounds = await windowState.load(
        screen.getAllDisplays().map((display) => display.workArea),
      )
      const loaded = await settingsStore.load()
      if (loaded.status.notice) console.warn(`Gatehouse: ${loaded.status.notice.message}`)
      const starting: Promise<Core> = createCore({
        spawnHost: createUtilityHostSpawner(),
        settings: loaded.settings,
      }).then((core) => withPersistedSettings(core, settingsStore, loaded.status))
      corePromise = starting

      let refreshMenu: () => Promise<void> = async () => undefined
      const files = new DesktopFiles({
        userDataDir,
        defaultFolder: app.getPath('documents'),
        onRecentChanged: () => void refreshMenu(),
      })
      closeGuard = new CloseGuard({
        sendCommand: sendToWindow,
        onDiscard: () => files.drafts.clear(),
        onCancel: () => {
          quitRequested = false
        },
        onProceed: () => {
          if (quitRequested) app.quit()
        },
      })
      // The window opens while the core starts; IPC requests wait for it.
      const savedRuns = new DesktopSavedRuns(undefined, app.getPath('documents'))
      setupIpc(
        starting,
        windows,
        windowChannelHandlers(files, closeGuard, { runs: savedRuns, core: starting }),
      )
      refreshMenu = setupMenu({
        appName: app.name,
        isPackaged: app.isPackaged,
        windows,
        listRecent: () => files.listRecent(),
      })
      showWindow()
      started = true
      const core = await starting
      stopTelemetry = setupTelemetry(core, windows)
    })
    .catch((error: unknown) => {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error)
      console.error('Gatehouse failed to start:', message)
      dialog.showErrorBox('Gatehouse failed to start', message)
      app.exit(1)
    })
}

async function shutdownCore(corePromise: Promise<Core> | null): Promise<void> {
  if (!corePromise) return
  const stopping = corePromise.then((core) => core.shutdown())
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), SHUTDOWN_TIMEOUT_MS)
  })
  try {
    // The bound covers a core still starting as well as one finishing its runs.
    if ((await Promise.race([stopping, timeout])) === 'timeout') {
      console.error(`Gatehouse: the core did not stop within ${SHUTDOWN_TIMEOUT_MS} ms`)
    }
  } catch (error) {
    // A core that never started, or failed while stopping, has nothing left to wait for.
    console.error('Gatehouse: core shutdown failed:', error)
  } finally {
    clearTimeout(timer)
  }
}
