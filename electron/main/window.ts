import { join } from 'node:path'
import { app, BrowserWindow } from 'electron'
import type { AppWindows } from './app-windows'
import type { RendererLocation } from './renderer-location'
import { resolveRendererLocation } from './renderer-location'
import { denyAllPermissions, hardenWebContents } from './security'

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
 * it and telemetry reaches it), shown once its first frame is ready.
 */
export function createMainWindow(windows: AppWindows): BrowserWindow {
  const location = appRendererLocation()
  const window = new BrowserWindow({
    title: 'Gatehouse',
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
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

  window.once('ready-to-show', () => window.show())
  window.webContents.on('render-process-gone', (_event, details) => {
    console.error(`Gatehouse: the window's renderer is gone (${details.reason})`)
  })

  const loading =
    location.kind === 'file' ? window.loadFile(location.path) : window.loadURL(location.url)
  loading.catch((error: unknown) => {
    console.error(`Gatehouse: could not load ${location.url}:`, error)
  })
  return window
}
