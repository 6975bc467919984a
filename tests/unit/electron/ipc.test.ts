// @vitest-environment node
import {
  electronFake,
  fakeInvokeEvent,
  FakeWebContents,
  FakeWebFrame,
  resetElectronFake,
} from '../../setup-electron-mock'
import type { IpcMainInvokeEvent } from 'electron'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AppWindows } from '../../../electron/main/app-windows'
import { FORBIDDEN_SENDER_ERROR, INTERNAL_ERROR, setupIpc } from '../../../electron/main/ipc'
import { setupTelemetry } from '../../../electron/main/telemetry'
import { createMainWindow } from '../../../electron/main/window'
import type { Core } from '../../../src/engine/core-api'
import type { Reply } from '../../../src/protocol/api'
import { METHOD_CHANNELS, TELEMETRY_CHANNEL } from '../../../src/protocol/channel-names'
import type { TelemetryBatch } from '../../../src/protocol/telemetry'

type InvokeHandler = (event: IpcMainInvokeEvent, payload: unknown) => Promise<Reply<unknown>>

function fakeCore() {
  const listeners = new Set<(batch: TelemetryBatch) => void>()
  return {
    listeners,
    handle: vi.fn(async (channel: string, payload: unknown): Promise<Reply<unknown>> => ({
      ok: true,
      value: { channel, payload },
    })),
    onTelemetry: vi.fn((listener: (batch: TelemetryBatch) => void) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    }),
    shutdown: vi.fn(async () => undefined),
  }
}

function asCore(core: ReturnType<typeof fakeCore>): Core {
  return core as unknown as Core
}

function handlerFor(channel: string): InvokeHandler {
  const handler = electronFake.ipcMainHandlers.get(channel)
  if (!handler) throw new Error(`no handler for ${channel}`)
  return handler as unknown as InvokeHandler
}

function appWindow(windows: AppWindows) {
  createMainWindow(windows)
  const window = electronFake.windows.at(-1)
  if (!window) throw new Error('no window')
  return window
}

const RUN_REQUEST = { id: 'r1', code: 'return 1' }

beforeEach(() => {
  resetElectronFake()
  vi.stubEnv('ELECTRON_RENDERER_URL', undefined)
  vi.spyOn(console, 'warn').mockImplementation(() => undefined)
})
afterEach(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

describe('setupIpc', () => {
  it('registers exactly the API channels', () => {
    setupIpc(asCore(fakeCore()), new AppWindows())
    expect([...electronFake.ipcMainHandlers.keys()].sort()).toEqual(
      Object.values(METHOD_CHANNELS).sort(),
    )
  })

  it("forwards a request from the app's window to core.handle and returns its Reply", async () => {
    const core = fakeCore()
    const windows = new AppWindows()
    setupIpc(asCore(core), windows)
    const window = appWindow(windows)

    for (const channel of Object.values(METHOD_CHANNELS)) {
      const reply = await handlerFor(channel)(fakeInvokeEvent(window.webContents), RUN_REQUEST)
      expect(core.handle).toHaveBeenLastCalledWith(channel, RUN_REQUEST)
      expect(reply).toEqual({ ok: true, value: { channel, payload: RUN_REQUEST } })
    }
  })

  it('refuses a sender the app did not create, without reaching the core', async () => {
    const core = fakeCore()
    const windows = new AppWindows()
    setupIpc(asCore(core), windows)
    appWindow(windows)
    const stranger = new FakeWebContents()
    stranger.mainFrame.url = electronFake.windows[0]?.webContents.mainFrame.url ?? ''

    const reply = await handlerFor(METHOD_CHANNELS.run)(fakeInvokeEvent(stranger), RUN_REQUEST)
    expect(reply).toMatchObject({ ok: false, error: { type: FORBIDDEN_SENDER_ERROR } })
    expect(core.handle).not.toHaveBeenCalled()
  })

  it("refuses a sub-frame of the app's window", async () => {
    const core = fakeCore()
    const windows = new AppWindows()
    setupIpc(asCore(core), windows)
    const window = appWindow(windows)
    const frame = new FakeWebFrame(window.webContents.mainFrame.url, window.webContents.mainFrame)

    const reply = await handlerFor(METHOD_CHANNELS.run)(
      fakeInvokeEvent(window.webContents, frame),
      RUN_REQUEST,
    )
    expect(reply).toMatchObject({ ok: false, error: { type: FORBIDDEN_SENDER_ERROR } })
    expect(core.handle).not.toHaveBeenCalled()
  })

  it("refuses the app's window when it shows another page, or has no frame", async () => {
    const core = fakeCore()
    const windows = new AppWindows()
    setupIpc(asCore(core), windows)
    const window = appWindow(windows)
    const handler = handlerFor(METHOD_CHANNELS.run)

    expect(await handler(fakeInvokeEvent(window.webContents, null), RUN_REQUEST)).toMatchObject({
      ok: false,
      error: { type: FORBIDDEN_SENDER_ERROR },
    })
    for (const url of ['https://example.com/', 'file:///tmp/index.html', 'about:blank']) {
      window.webContents.mainFrame.url = url
      expect(await handler(fakeInvokeEvent(window.webContents), RUN_REQUEST)).toMatchObject({
        ok: false,
        error: { type: FORBIDDEN_SENDER_ERROR },
      })
    }
    expect(core.handle).not.toHaveBeenCalled()
  })

  it('refuses a window once it has closed', async () => {
    const core = fakeCore()
    const windows = new AppWindows()
    setupIpc(asCore(core), windows)
    const window = appWindow(windows)
    window.close()
    const reply = await handlerFor(METHOD_CHANNELS.snapshot)(
      fakeInvokeEvent(window.webContents),
      {},
    )
    expect(reply).toMatchObject({ ok: false, error: { type: FORBIDDEN_SENDER_ERROR } })
  })

  it('waits for a core that is still starting', async () => {
    const core = fakeCore()
    let started: (value: Core) => void = () => undefined
    const starting = new Promise<Core>((resolve) => {
      started = resolve
    })
    const windows = new AppWindows()
    setupIpc(starting, windows)
    const window = appWindow(windows)

    const pending = handlerFor(METHOD_CHANNELS.run)(
      fakeInvokeEvent(window.webContents),
      RUN_REQUEST,
    )
    await Promise.resolve()
    expect(core.handle).not.toHaveBeenCalled()
    started(asCore(core))
    await expect(pending).resolves.toMatchObject({ ok: true })
  })

  it('turns a core that throws, or failed to start, into an error Reply', async () => {
    const windows = new AppWindows()
    const core = fakeCore()
    core.handle.mockRejectedValueOnce(new Error('boom'))
    setupIpc(asCore(core), windows)
    const window = appWindow(windows)
    expect(
      await handlerFor(METHOD_CHANNELS.run)(fakeInvokeEvent(window.webContents), RUN_REQUEST),
    ).toEqual({ ok: false, error: { type: INTERNAL_ERROR, message: 'run:submit failed: boom' } })

    resetElectronFake()
    const failed = Promise.reject(new Error('no host'))
    failed.catch(() => undefined)
    const otherWindows = new AppWindows()
    setupIpc(failed, otherWindows)
    const other = appWindow(otherWindows)
    expect(
      await handlerFor(METHOD_CHANNELS.run)(fakeInvokeEvent(other.webContents), RUN_REQUEST),
    ).toMatchObject({ ok: false, error: { type: INTERNAL_ERROR } })
  })

  it('removes its handlers when disposed', () => {
    const dispose = setupIpc(asCore(fakeCore()), new AppWindows())
    dispose()
    expect(electronFake.ipcMainHandlers.size).toBe(0)
  })
})

describe('setupTelemetry', () => {
  const batch = { events: [], snapshot: {} } as unknown as TelemetryBatch

  it("sends each batch to the app's open windows only", () => {
    const core = fakeCore()
    const windows = new AppWindows()
    const first = appWindow(windows)
    const second = appWindow(windows)
    const closed = appWindow(windows)
    closed.close()
    const stranger = new FakeWebContents()
    setupTelemetry(asCore(core), windows)

    for (const listener of core.listeners) listener(batch)
    expect(first.webContents.send).toHaveBeenCalledExactlyOnceWith(TELEMETRY_CHANNEL, batch)
    expect(second.webContents.send).toHaveBeenCalledExactlyOnceWith(TELEMETRY_CHANNEL, batch)
    expect(closed.webContents.send).not.toHaveBeenCalled()
    expect(stranger.send).not.toHaveBeenCalled()
  })

  it('unsubscribes', () => {
    const core = fakeCore()
    const stop = setupTelemetry(asCore(core), new AppWindows())
    expect(core.listeners.size).toBe(1)
    stop()
    expect(core.listeners.size).toBe(0)
  })
})
