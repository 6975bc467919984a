import { app, dialog } from 'electron'
import type { Core } from '../../src/engine/core-api'
import { createCore } from '../../src/engine/create-core'
import { AppWindows } from './app-windows'
import { setupIpc } from './ipc'
import { setupSecurity } from './security'
import { setupTelemetry } from './telemetry'
import { createUtilityHostSpawner } from './utility-host'
import { createMainWindow } from './window'

/** How long quitting waits for running scripts to finish before leaving anyway. */
const SHUTDOWN_TIMEOUT_MS = 5_000

/** Every renderer is sandboxed, whatever a window's own options say. Must precede 'ready'. */
app.enableSandbox()

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

  const showWindow = () => {
    const [existing] = windows.all()
    if (!existing) {
      createMainWindow(windows)
      return
    }
    if (existing.isMinimized()) existing.restore()
    existing.focus()
  }

  app.on('second-instance', () => {
    if (started) showWindow()
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
      const starting: Promise<Core> = createCore({ spawnHost: createUtilityHostSpawner() })
      corePromise = starting
      // The window opens while the core starts; IPC requests wait for it.
      setupIpc(starting, windows)
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
