// @vitest-environment node
import { electronFake, resetElectronFake } from '../../setup-electron-mock'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import {
  MENU_COMMAND_CHANNEL,
  METHOD_CHANNELS,
  TELEMETRY_CHANNEL,
} from '../../../src/protocol/channel-names'
import type { GatehouseApi } from '../../../src/protocol/api'
import type { TelemetryBatch } from '../../../src/protocol/telemetry'

// A sandboxed preload cannot require anything from node_modules but
// `electron`. Loading zod here would mean the preload bundle needs it too.
vi.mock('zod', () => {
  throw new Error('the preload must not load zod (import only channel-names.ts and types)')
})

async function loadPreload(): Promise<GatehouseApi> {
  resetElectronFake()
  vi.resetModules()
  await import('../../../electron/preload/index')
  return electronFake.exposedInMainWorld.get('gatehouse') as GatehouseApi
}

beforeEach(() => {
  vi.restoreAllMocks()
})

describe('preload', () => {
  it('exposes exactly the named methods, as window.gatehouse and nothing else', async () => {
    const api = await loadPreload()
    expect([...electronFake.exposedInMainWorld.keys()]).toEqual(['gatehouse'])
    expect(Object.keys(api).sort()).toEqual(
      [...Object.keys(METHOD_CHANNELS), 'onTelemetry', 'onMenuCommand'].sort(),
    )
    for (const value of Object.values(api)) expect(value).toBeTypeOf('function')
  })

  it('never hands out ipcRenderer or a generic send', async () => {
    const api = (await loadPreload()) as unknown as Record<string, unknown>
    for (const key of ['ipcRenderer', 'send', 'invoke', 'on', 'sendSync', 'postMessage']) {
      expect(api[key]).toBeUndefined()
    }
    expect(Object.values(api)).not.toContain(electronFake.ipcRenderer)
    expect(Object.values(api)).not.toContain(electronFake.ipcRenderer.invoke)
  })

  it('invokes each method on its own channel and returns the Reply value', async () => {
    const api = await loadPreload()
    electronFake.ipcRenderer.invoke.mockImplementation(async (channel: string) => ({
      ok: true,
      value: `answer from ${channel}`,
    }))
    const request = { id: 'r1', code: 'return 1' }

    await expect(api.run(request)).resolves.toBe(`answer from ${METHOD_CHANNELS.run}`)
    expect(electronFake.ipcRenderer.invoke).toHaveBeenLastCalledWith(METHOD_CHANNELS.run, request)
    await expect(api.stop({ id: 'r1' })).resolves.toBe(`answer from ${METHOD_CHANNELS.stop}`)
    expect(electronFake.ipcRenderer.invoke).toHaveBeenLastCalledWith(METHOD_CHANNELS.stop, {
      id: 'r1',
    })
    await expect(api.snapshot({})).resolves.toBe(`answer from ${METHOD_CHANNELS.snapshot}`)
    expect(electronFake.ipcRenderer.invoke).toHaveBeenLastCalledWith(METHOD_CHANNELS.snapshot, {})
  })

  it('rejects with an Error carrying the message when the Reply fails', async () => {
    const api = await loadPreload()
    electronFake.ipcRenderer.invoke.mockResolvedValue({
      ok: false,
      error: { type: 'ValidationError', message: 'code must be a string' },
    })
    const rejection = api.run({ id: 'r1', code: 1 } as never)
    await expect(rejection).rejects.toThrow(Error)
    await expect(rejection).rejects.toMatchObject({
      message: 'code must be a string',
      name: 'ValidationError',
    })
  })

  it('delivers telemetry batches until unsubscribed', async () => {
    const api = await loadPreload()
    const listener = vi.fn()
    const batch = { events: [], snapshot: {} } as unknown as TelemetryBatch

    const unsubscribe = api.onTelemetry(listener)
    electronFake.ipcRenderer.emit(TELEMETRY_CHANNEL, { sender: {} }, batch)
    expect(listener).toHaveBeenCalledExactlyOnceWith(batch)

    unsubscribe()
    electronFake.ipcRenderer.emit(TELEMETRY_CHANNEL, { sender: {} }, batch)
    expect(listener).toHaveBeenCalledOnce()
    expect(electronFake.ipcRenderer.listenerCount(TELEMETRY_CHANNEL)).toBe(0)
  })

  it('delivers menu commands until unsubscribed', async () => {
    const api = await loadPreload()
    const listener = vi.fn()
    const unsubscribe = api.onMenuCommand?.(listener)
    electronFake.ipcRenderer.emit(MENU_COMMAND_CHANNEL, { sender: {} }, { type: 'run' })
    expect(listener).toHaveBeenCalledExactlyOnceWith({ type: 'run' })
    unsubscribe?.()
    electronFake.ipcRenderer.emit(MENU_COMMAND_CHANNEL, { sender: {} }, { type: 'stop' })
    expect(listener).toHaveBeenCalledOnce()
    expect(electronFake.ipcRenderer.listenerCount(MENU_COMMAND_CHANNEL)).toBe(0)
  })
})
