import { join } from 'node:path'
import { app, BrowserWindow } from 'electron'
import type { AppWindows } from './app-windows'
import type { RendererLocation } from './renderer-location'
import { resolveRendererLocation } from './renderer-location'
import { denyAllPermissions, hardenWebContents } from './security'
import type { WindowBounds } from './window-state'
import { DEFAULT_WINDOW_BOUNDS, MIN_WINDOW_SIZE } from './window-state'

/** Where the built page is, or the dev server in `electron-vite dev`. */
export function appRendererLocation(): RendererLocation {
  return resolveRendererLocation({
    mainDir: __dirname,
    isPackaged: app.isPackaged,
    devServerUrl: process.env.ELECTRON_RENDERER_URL,
  })
}

/**
 * Opens a Gatehouse window: hardened, registered in `windows` (so IPC answers
 * it and telemetry reaches it), shown once its first frame is ready, at
 * `bounds` (the remembered size and position) when given.
 */
export function createMainWindow(
  windows: AppWindows,
  bounds: WindowBounds = DEFAULT_WINDOW_BOUNDS,
): BrowserWindow {
  const location = appRendererLocation()
  const window = new BrowserWindow({
    title: 'Gatehouse',
    width: bounds.width,
    height: bounds.height,
    ...(bounds.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    backgroundColor: '#1e1e1e',
    // Written out here, not built by a helper, so that a reader and a static
    // scanner (electronegativity) see every setting where the window is made.
    // The renderer runs sandboxed with no Node, reaches the main process only
    // through the preload's named methods, and keeps the web's origin rules.
    webPreferences: {
      // out/main/index.js -> out/preload/index.js
      preload: join(__dirname, '..', 'preload', 'index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      // Middle-click would try to open links in a new window.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  })

  hardenWebContents(window.webContents)
  denyAllPermissions(window.webContents.session)
  windows.add(window, location)

  window.once('ready-to-show', () => {
    if (bounds.maximized) window.maximize()
    window.show()
  })
  window.webContents.on('render-process-gone', (_event, details) => {
    console.error(`Gatehouse: the window's renderer is gone (${details.reason})`)
  })

  // The built page comes from app://gatehouse/ (registered in index.ts), never file://.
  window.loadURL(location.url).catch((error: unknown) => {
    console.error(`Gatehouse: could not load ${location.url}:`, error)
  })
  return window
}
