// @vitest-environment node
import {
  electronFake,
  fakeElectronEvent,
  FakeWebContents,
  resetElectronFake,
} from '../../setup-electron-mock'
import { join } from 'node:path'
import type { WebContents } from 'electron'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AppWindows } from '../../../electron/main/app-windows'
import { setupSecurity } from '../../../electron/main/security'
import { createMainWindow } from '../../../electron/main/window'

const PERMISSIONS = ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']

function openWindow() {
  const windows = new AppWindows()
  createMainWindow(windows)
  const window = electronFake.windows.at(-1)
  if (!window) throw new Error('createMainWindow made no BrowserWindow')
  return { windows, window }
}

beforeEach(() => {
  resetElectronFake()
  vi.stubEnv('ELECTRON_RENDERER_URL', undefined)
  vi.spyOn(console, 'warn').mockImplementation(() => undefined)
})
afterEach(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

describe('createMainWindow', () => {
  it('isolates and sandboxes the renderer, with the built preload', () => {
    const { window } = openWindow()
    const prefs = window.options.webPreferences
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
    expect(prefs?.preload?.endsWith(join('preload', 'index.js'))).toBe(true)
  })

  it('loads the built page from app://gatehouse/, never from file://', () => {
    const { window } = openWindow()
    expect(window.loadFile).not.toHaveBeenCalled()
    expect(window.loadURL).toHaveBeenCalledExactlyOnceWith('app://gatehouse/index.html')
  })

  it('loads the dev server in development, when it is on loopback', () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173/')
    const { window } = openWindow()
    expect(window.loadURL).toHaveBeenCalledWith('http://localhost:5173/')
    expect(window.loadFile).not.toHaveBeenCalled()
  })

  it('ignores a dev server URL that is not on loopback, or in a packaged app', () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'https://example.com/')
    expect(openWindow().window.loadURL).toHaveBeenCalledExactlyOnceWith(
      'app://gatehouse/index.html',
    )

    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173/')
    electronFake.app.isPackaged = true
    expect(openWindow().window.loadURL).toHaveBeenCalledExactlyOnceWith(
      'app://gatehouse/index.html',
    )
  })

  it('prevents every navigation away from the page', () => {
    const { window } = openWindow()
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'http://localhost/']) {
      const event = fakeElectronEvent()
      window.webContents.emit('will-navigate', event, url)
      expect(event.preventDefault).toHaveBeenCalled()
    }
    const redirect = fakeElectronEvent()
    window.webContents.emit('will-redirect', redirect, 'https://example.com/')
    expect(redirect.preventDefault).toHaveBeenCalled()
  })

  it('denies window.open', () => {
    const { window } = openWindow()
    const handler = window.webContents.windowOpenHandler
    expect(handler).toBeTypeOf('function')
    expect(handler?.({ url: 'https://example.com/' } as never)).toEqual({ action: 'deny' })
  })

  it('refuses <webview>', () => {
    const { window } = openWindow()
    const event = fakeElectronEvent()
    window.webContents.emit('will-attach-webview', event, {}, {})
    expect(event.preventDefault).toHaveBeenCalled()
  })

  it("denies every permission request from the window's session", () => {
    const { window } = openWindow()
    const session = window.webContents.session
    for (const permission of PERMISSIONS) {
      const callback = vi.fn()
      session.permissionRequestHandler?.(
        window.webContents as never,
        permission as never,
        callback as never,
      )
      expect(callback).toHaveBeenCalledExactlyOnceWith(false)
      expect(
        session.permissionCheckHandler?.(window.webContents as never, permission as never),
      ).toBe(false)
    }
    expect(session.devicePermissionHandler?.()).toBe(false)
  })

  it('is registered until it closes', () => {
    const { windows, window } = openWindow()
    expect(windows.all()).toEqual([window])
    window.close()
    expect(windows.all()).toEqual([])
    expect(windows.size).toBe(0)
  })

  it('is shown once ready to show, not before', () => {
    const { window } = openWindow()
    expect(window.options.show).toBe(false)
    expect(window.show).not.toHaveBeenCalled()
    window.emit('ready-to-show')
    expect(window.show).toHaveBeenCalledOnce()
  })
})

describe('setupSecurity', () => {
  it('denies permission requests on the default session', () => {
    setupSecurity()
    const callback = vi.fn()
    electronFake.defaultSession.permissionRequestHandler?.(
      {} as never,
      'media' as never,
      callback as never,
    )
    expect(callback).toHaveBeenCalledExactlyOnceWith(false)
  })

  it('guards every web contents created later, not only the main window', () => {
    setupSecurity()
    const contents = new FakeWebContents()
    electronFake.app.emit('web-contents-created', {}, contents as unknown as WebContents)
    const event = fakeElectronEvent()
    contents.emit('will-navigate', event, 'https://example.com/')
    expect(event.preventDefault).toHaveBeenCalled()
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' } as never)).toEqual({
      action: 'deny',
    })
  })
})
