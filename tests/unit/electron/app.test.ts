// @vitest-environment node
import { electronFake, fakeElectronEvent, resetElectronFake } from '../../setup-electron-mock'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { IpcMainInvokeEvent } from 'electron'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createCore } from '../../../src/engine/create-core'
import type { Reply } from '../../../src/protocol/api'
import { METHOD_CHANNELS } from '../../../src/protocol/channel-names'
import { fakeInvokeEvent } from '../../setup-electron-mock'

// The real core would spawn a sandbox host; the app's wiring is what is under test.
vi.mock('../../../src/engine/create-core', () => ({ createCore: vi.fn() }))

type CreatedCore = Awaited<ReturnType<typeof createCore>>

function fakeCore() {
  return {
    handle: vi.fn(),
    onTelemetry: vi.fn(() => () => undefined),
    shutdown: vi.fn(async () => undefined),
  }
}

function asCreated(core: ReturnType<typeof fakeCore>): CreatedCore {
  return core as unknown as CreatedCore
}

/** Runs electron/main/index.ts from the top, as Electron would. */
async function startApp(options: { lock?: boolean; settingsFile?: string } = {}) {
  resetElectronFake()
  if (options.settingsFile !== undefined) {
    writeFileSync(join(electronFake.app.getPath('userData'), 'settings.json'), options.settingsFile)
  }
  electronFake.app.requestSingleInstanceLock.mockReturnValue(options.lock ?? true)
  vi.resetModules()
  await import('../../../electron/main/index')
}

/**
 * Lets the app's promise chains after `whenReady()` run, including the small
 * file reads (settings, window state) in the user data folder.
 */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => realSetTimeout(resolve, 2))
}
// Captured before any spec fakes the timers.
const realSetTimeout = globalThis.setTimeout

/** Waits until the app has read its files, started the core and opened its window. */
async function opened(): Promise<void> {
  await vi.waitFor(() => expect(electronFake.windows).toHaveLength(1), { timeout: 5_000 })
  await settle()
}

const createCoreMock = vi.mocked(createCore)

beforeEach(() => {
  vi.stubEnv('ELECTRON_RENDERER_URL', undefined)
  createCoreMock.mockReset()
  vi.spyOn(console, 'error').mockImplementation(() => undefined)
})
afterEach(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

describe('electron/main/index.ts', () => {
  it('quits at once when another instance holds the lock', async () => {
    await startApp({ lock: false })
    expect(electronFake.app.quit).toHaveBeenCalledOnce()
    expect(electronFake.app.whenReady).not.toHaveBeenCalled()
    expect(createCoreMock).not.toHaveBeenCalled()
  })

  it('sandboxes every renderer before the app is ready', async () => {
    await startApp()
    expect(electronFake.app.enableSandbox).toHaveBeenCalledOnce()
    expect(electronFake.app.isReady()).toBe(false)
  })

  it('when ready: guards sessions, starts the core on a utility process, wires IPC, opens the window', async () => {
    const core = fakeCore()
    createCoreMock.mockResolvedValue(asCreated(core))
    await startApp()
    expect(createCoreMock).not.toHaveBeenCalled()

    electronFake.app.becomeReady()
    await opened()

    expect(electronFake.defaultSession.setPermissionRequestHandler).toHaveBeenCalled()
    expect(createCoreMock).toHaveBeenCalledOnce()
    const [{ spawnHost }] = createCoreMock.mock.calls[0] ?? [{ spawnHost: undefined }]
    expect(spawnHost).toBeTypeOf('function')
    spawnHost?.()
    expect(electronFake.utilityProcess.fork).toHaveBeenCalledOnce()

    expect([...electronFake.ipcMainHandlers.keys()].sort()).toEqual(
      Object.values(METHOD_CHANNELS).sort(),
    )
    expect(electronFake.windows).toHaveLength(1)
    expect(core.onTelemetry).toHaveBeenCalledOnce()
  })

  it('focuses the existing window when a second instance starts', async () => {
    createCoreMock.mockResolvedValue(asCreated(fakeCore()))
    await startApp()
    electronFake.app.becomeReady()
    await opened()
    const [window] = electronFake.windows
    if (!window) throw new Error('no window opened')
    window.minimized = true

    electronFake.app.emit('second-instance')
    expect(electronFake.windows).toHaveLength(1)
    expect(window.restore).toHaveBeenCalledOnce()
    expect(window.focus).toHaveBeenCalledOnce()
  })

  it('shuts the core down before quitting, once', async () => {
    const core = fakeCore()
    let finishShutdown: () => void = () => undefined
    core.shutdown.mockImplementation(
      () =>
        new Promise<undefined>((resolve) => {
          finishShutdown = () => resolve(undefined)
        }),
    )
    createCoreMock.mockResolvedValue(asCreated(core))
    await startApp()
    electronFake.app.becomeReady()
    await opened()

    const first = fakeElectronEvent()
    electronFake.app.emit('will-quit', first)
    expect(first.preventDefault).toHaveBeenCalledOnce()
    await settle()
    expect(core.shutdown).toHaveBeenCalledOnce()

    const again = fakeElectronEvent()
    electronFake.app.emit('will-quit', again)
    expect(again.preventDefault).toHaveBeenCalledOnce()
    expect(electronFake.app.quit).not.toHaveBeenCalled()

    finishShutdown()
    await settle()
    expect(core.shutdown).toHaveBeenCalledOnce()
    expect(electronFake.app.quit).toHaveBeenCalledOnce()

    const last = fakeElectronEvent()
    electronFake.app.emit('will-quit', last)
    expect(last.preventDefault).not.toHaveBeenCalled()
  })

  it('quits anyway when the core does not stop in time', async () => {
    const core = fakeCore()
    core.shutdown.mockImplementation(() => new Promise<undefined>(() => undefined))
    createCoreMock.mockResolvedValue(asCreated(core))
    await startApp()
    electronFake.app.becomeReady()
    await opened()

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      electronFake.app.emit('will-quit', fakeElectronEvent())
      await settle()
      expect(electronFake.app.quit).not.toHaveBeenCalled()
      vi.advanceTimersByTime(5_000)
      await settle()
      expect(electronFake.app.quit).toHaveBeenCalledOnce()
    } finally {
      vi.useRealTimers()
    }
  })

  it('quits when the last window closes (except on macOS)', async () => {
    createCoreMock.mockResolvedValue(asCreated(fakeCore()))
    await startApp()
    electronFake.app.becomeReady()
    await opened()
    electronFake.app.emit('window-all-closed')
    if (process.platform === 'darwin') expect(electronFake.app.quit).not.toHaveBeenCalled()
    else expect(electronFake.app.quit).toHaveBeenCalledOnce()
  })

  it('tells the user and exits when the core cannot start', async () => {
    createCoreMock.mockRejectedValue(new Error('no sandbox host'))
    await startApp()
    electronFake.app.becomeReady()
    await opened()
    expect(electronFake.dialog.showErrorBox).toHaveBeenCalledOnce()
    expect(electronFake.dialog.showErrorBox.mock.calls[0]?.[1]).toContain('no sandbox host')
    expect(electronFake.app.exit).toHaveBeenCalledWith(1)
  })

  it('serves the page from app:// (registered before ready) and installs the menu', async () => {
    createCoreMock.mockResolvedValue(asCreated(fakeCore()))
    await startApp()
    expect(electronFake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledOnce()
    expect(electronFake.app.isReady()).toBe(false)
    electronFake.app.becomeReady()
    await opened()
    expect(electronFake.protocol.handlers.has('app')).toBe(true)
    expect(electronFake.Menu.setApplicationMenu).toHaveBeenCalled()
    expect(electronFake.windows[0]?.loadURL).toHaveBeenCalledWith('app://gatehouse/index.html')
  })

  it('builds the core with the settings saved in userData, and saves updates there', async () => {
    const core = fakeCore()
    core.handle.mockImplementation(async (_channel: string, payload: unknown) => ({
      ok: true,
      value: {
        permits: 4,
        waitTimeoutMs: 10000,
        lanes: 2,
        runTimeoutMs: 5000,
        memoryMb: 64,
        stackKb: 1024,
        ...(payload as object),
      },
    }))
    createCoreMock.mockResolvedValue(asCreated(core))
    await startApp({
      settingsFile: JSON.stringify({ version: 1, settings: { permits: 12, lanes: 2 } }),
    })
    electronFake.app.becomeReady()
    await opened()
    expect(createCoreMock.mock.calls[0]?.[0].settings).toMatchObject({ permits: 12, lanes: 2 })

    const window = electronFake.windows[0]
    if (!window) throw new Error('no window')
    const handler = electronFake.ipcMainHandlers.get(METHOD_CHANNELS.updateSettings) as unknown as (
      event: IpcMainInvokeEvent,
      payload: unknown,
    ) => Promise<Reply<unknown>>
    expect(await handler(fakeInvokeEvent(window.webContents), { permits: 3 })).toMatchObject({
      ok: true,
    })
    const saved = JSON.parse(
      readFileSync(join(electronFake.app.getPath('userData'), 'settings.json'), 'utf8'),
    ) as { settings: { permits: number } }
    expect(saved.settings.permits).toBe(3)
  })

  it('starts with the defaults and a notice when the settings file is corrupt', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    createCoreMock.mockResolvedValue(asCreated(fakeCore()))
    await startApp({ settingsFile: '{ "version": 1, "settings": ' })
    electronFake.app.becomeReady()
    await opened()
    expect(createCoreMock.mock.calls[0]?.[0].settings).toMatchObject({
      permits: 4,
      waitTimeoutMs: 10000,
    })

    const window = electronFake.windows[0]
    if (!window) throw new Error('no window')
    const handler = electronFake.ipcMainHandlers.get(METHOD_CHANNELS.settingsStatus) as unknown as (
      event: IpcMainInvokeEvent,
      payload: unknown,
    ) => Promise<Reply<unknown>>
    expect(await handler(fakeInvokeEvent(window.webContents), {})).toMatchObject({
      ok: true,
      value: { loadedFrom: 'defaults', notice: { kind: 'corrupt' } },
    })
    expect(electronFake.dialog.showErrorBox).not.toHaveBeenCalled()
  })
})
