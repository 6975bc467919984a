// @vitest-environment node
// Every channel's schema, and the channels the main process answers itself
// (files, dirty state): a bad payload gets a clear ValidationError and
// changes nothing.
import {
  electronFake,
  fakeInvokeEvent,
  FakeWebContents,
  resetElectronFake,
} from '../../setup-electron-mock'
import { existsSync, readdirSync } from 'node:fs'
import type { IpcMainInvokeEvent } from 'electron'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AppWindows } from '../../../electron/main/app-windows'
import { CloseGuard } from '../../../electron/main/close-guard'
import type { FileDialogs } from '../../../electron/main/desktop-files'
import { DesktopFiles } from '../../../electron/main/desktop-files'
import { FORBIDDEN_SENDER_ERROR, setupIpc } from '../../../electron/main/ipc'
import { createMainWindow } from '../../../electron/main/window'
import { windowChannelHandlers } from '../../../electron/main/window-channels'
import type { Core } from '../../../src/engine/core-api'
import { describeZodError } from '../../../src/engine/validation'
import type { Reply } from '../../../src/protocol/api'
import { CHANNELS } from '../../../src/protocol/api'
import type { Channel } from '../../../src/protocol/channel-names'
import { METHOD_CHANNELS } from '../../../src/protocol/channel-names'
import { tempFolder } from '../workspace/helpers'

type InvokeHandler = (event: IpcMainInvokeEvent, payload: unknown) => Promise<Reply<unknown>>

/** Payloads each channel must refuse, with what the message must say. */
const BAD_PAYLOADS: Partial<Record<Channel, [unknown, RegExp][]>> = {
  [METHOD_CHANNELS.run]: [
    [{ id: 'r1' }, /code/],
    [{ id: 'no spaces!', code: '' }, /id must be 1 to 64 letters/],
    [{ id: 'r1', code: '', limits: { memoryMb: 9999 } }, /memoryMb must be at most 1024/],
  ],
  [METHOD_CHANNELS.stop]: [[{}, /id must be a string/]],
  [METHOD_CHANNELS.snapshot]: [[{ all: true }, /Unknown field: all/]],
  [METHOD_CHANNELS.getSettings]: [[{ x: 1 }, /Unknown field: x/]],
  [METHOD_CHANNELS.updateSettings]: [
    [{ permits: 0 }, /permits must be at least 1/],
    [{ lanes: 2.5 }, /lanes must be a whole number/],
    [{ colour: 'red' }, /Unknown field: colour/],
  ],
  [METHOD_CHANNELS.resetStats]: [[{ now: 1 }, /Unknown field: now/]],
  [METHOD_CHANNELS.settingsStatus]: [[{ x: 1 }, /Unknown field: x/]],
  [METHOD_CHANNELS.listFiles]: [[{ all: true }, /Unknown field: all/]],
  [METHOD_CHANNELS.openFile]: [
    [{ path: 3 }, /path must be a string/],
    [{ path: 'a\0.js' }, /NUL/],
  ],
  [METHOD_CHANNELS.saveFile]: [
    [{ content: 'x' }, /path must be a string/],
    [{ path: '/x/a.js' }, /content must be the script text/],
    [{ path: '/x/a.js', content: 'x', input: 5 }, /input must be JSON text/],
    [
      { path: '/x/a.js', content: 'x'.repeat(2 * 1024 * 1024) },
      /content is at least 2\.0 MiB; the limit is 1\.0 MiB/,
    ],
  ],
  [METHOD_CHANNELS.saveFileAs]: [
    [{ content: 'x', overwrite: 1 }, /overwrite must be true or false/],
    [
      { content: 'x', input: 'y'.repeat(3 * 1024 * 1024) },
      /input is at least 3\.0 MiB; the limit is 2\.0 MiB/,
    ],
  ],
  [METHOD_CHANNELS.recentFiles]: [[{ clear: true }, /Unknown field: clear/]],
  [METHOD_CHANNELS.saveDraft]: [
    [{ tabId: 't' }, /content must be the script text/],
    [{ tabId: 't', content: '', path: 5 }, /path must be a string/],
    [{ content: '' }, /tabId must be a string/],
  ],
  [METHOD_CHANNELS.loadDraft]: [[{ x: 1 }, /Unknown field: x/]],
  [METHOD_CHANNELS.clearDraft]: [[{ x: 1 }, /Unknown field: x/]],
  [METHOD_CHANNELS.setDirty]: [
    [{}, /dirty must be true or false/],
    [{ dirty: 'yes' }, /dirty must be true or false/],
  ],
}

describe('every channel schema', () => {
  for (const channel of Object.keys(CHANNELS) as Channel[]) {
    it(`${channel} refuses a non-object, an unknown field, and its listed bad payloads`, () => {
      const schema = CHANNELS[channel].request
      expect(schema.safeParse('nonsense').success).toBe(false)
      expect(schema.safeParse(null).success).toBe(false)
      expect(schema.safeParse({ surelyNotAField: 1 }).success).toBe(false)
      for (const [payload, message] of BAD_PAYLOADS[channel] ?? []) {
        const parsed = schema.safeParse(payload)
        expect(parsed.success, JSON.stringify(payload).slice(0, 80)).toBe(false)
        if (!parsed.success) expect(describeZodError(parsed.error)).toMatch(message)
      }
    })
  }

  it('lists bad payloads for every channel of this issue', () => {
    for (const channel of [
      METHOD_CHANNELS.settingsStatus,
      METHOD_CHANNELS.listFiles,
      METHOD_CHANNELS.openFile,
      METHOD_CHANNELS.saveFile,
      METHOD_CHANNELS.saveFileAs,
      METHOD_CHANNELS.recentFiles,
      METHOD_CHANNELS.saveDraft,
      METHOD_CHANNELS.loadDraft,
      METHOD_CHANNELS.clearDraft,
      METHOD_CHANNELS.setDirty,
      METHOD_CHANNELS.updateSettings,
    ]) {
      expect(BAD_PAYLOADS[channel]?.length, channel).toBeGreaterThan(0)
    }
  })
})

describe('channels the main process answers per window', () => {
  let userData: ReturnType<typeof tempFolder>
  let dialogs: { showOpen: ReturnType<typeof vi.fn>; showSave: ReturnType<typeof vi.fn> }
  let guard: CloseGuard
  let core: {
    handle: ReturnType<typeof vi.fn>
    onTelemetry: ReturnType<typeof vi.fn>
    shutdown: ReturnType<typeof vi.fn>
  }
  let windows: AppWindows

  beforeEach(() => {
    resetElectronFake()
    vi.stubEnv('ELECTRON_RENDERER_URL', undefined)
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    userData = tempFolder('gatehouse-userdata-')
    dialogs = { showOpen: vi.fn(async () => null), showSave: vi.fn(async () => null) }
    const files = new DesktopFiles({
      userDataDir: userData.root,
      dialogs: dialogs as unknown as FileDialogs,
    })
    guard = new CloseGuard({ sendCommand: vi.fn(), confirm: vi.fn(async () => 'cancel' as const) })
    core = {
      handle: vi.fn(async () => ({ ok: true, value: 'core' })),
      onTelemetry: vi.fn(),
      shutdown: vi.fn(),
    }
    windows = new AppWindows()
    setupIpc(core as unknown as Core, windows, windowChannelHandlers(files, guard))
  })
  afterEach(() => {
    userData.remove()
    vi.unstubAllEnvs()
    vi.restoreAllMocks()
  })

  const handlerFor = (channel: string) =>
    electronFake.ipcMainHandlers.get(channel) as unknown as InvokeHandler

  it('answers files:open with a dialog attached to the window that asked', async () => {
    const window = createMainWindow(windows)
    guard.watch(window)
    const fake = electronFake.windows.at(-1)
    if (!fake) throw new Error('no window')
    expect(
      await handlerFor(METHOD_CHANNELS.openFile)(fakeInvokeEvent(fake.webContents), {}),
    ).toEqual({
      ok: true,
      value: { status: 'cancelled' },
    })
    expect(dialogs.showOpen).toHaveBeenCalledWith(window, undefined)
    expect(core.handle).not.toHaveBeenCalled()
  })

  it('records the dirty state of the window that reports it', async () => {
    const window = createMainWindow(windows)
    guard.watch(window)
    const fake = electronFake.windows.at(-1)
    if (!fake) throw new Error('no window')
    expect(
      await handlerFor(METHOD_CHANNELS.setDirty)(fakeInvokeEvent(fake.webContents), {
        dirty: true,
      }),
    ).toEqual({
      ok: true,
      value: { dirty: true },
    })
    expect(guard.isDirty(window)).toBe(true)
  })

  it('refuses a bad payload with a ValidationError and changes nothing', async () => {
    const window = createMainWindow(windows)
    guard.watch(window)
    const fake = electronFake.windows.at(-1)
    if (!fake) throw new Error('no window')
    const mainChannels = Object.values(METHOD_CHANNELS).filter(
      (channel) =>
        channel.startsWith('files:') ||
        channel.startsWith('draft:') ||
        channel === METHOD_CHANNELS.setDirty,
    )
    for (const channel of mainChannels) {
      for (const [payload, message] of BAD_PAYLOADS[channel] ?? []) {
        const reply = await handlerFor(channel)(fakeInvokeEvent(fake.webContents), payload)
        expect(reply, channel).toMatchObject({ ok: false, error: { type: 'ValidationError' } })
        if (!reply.ok) expect(reply.error.message).toMatch(message)
      }
    }
    expect(dialogs.showOpen).not.toHaveBeenCalled()
    expect(dialogs.showSave).not.toHaveBeenCalled()
    expect(readdirSync(userData.root)).toEqual([])
    expect(guard.isDirty(window)).toBe(false)
    expect(core.handle).not.toHaveBeenCalled()
  })

  it('refuses a stranger before looking at the payload', async () => {
    const stranger = new FakeWebContents()
    const reply = await handlerFor(METHOD_CHANNELS.saveDraft)(fakeInvokeEvent(stranger), {
      tabId: 't1',
      content: 'x',
    })
    expect(reply).toMatchObject({ ok: false, error: { type: FORBIDDEN_SENDER_ERROR } })
    expect(existsSync(userData.path('drafts'))).toBe(false)
  })

  it('passes every other channel to the core', async () => {
    createMainWindow(windows)
    const fake = electronFake.windows.at(-1)
    if (!fake) throw new Error('no window')
    await handlerFor(METHOD_CHANNELS.updateSettings)(fakeInvokeEvent(fake.webContents), {
      permits: 2,
    })
    expect(core.handle).toHaveBeenCalledExactlyOnceWith(METHOD_CHANNELS.updateSettings, {
      permits: 2,
    })
  })
})
