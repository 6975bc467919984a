import { readdirSync, readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Core } from '../../../src/engine/core-api'
import { METHOD_CHANNELS } from '../../../src/protocol/channel-names'
import type { Settings } from '../../../src/protocol/settings'
import { defaultSettings } from '../../../src/protocol/settings'
import { withPersistedSettings } from '../../../src/settings/persisted-settings'
import { SettingsStore } from '../../../src/settings/settings-store'
import { tempFolder } from '../workspace/helpers'

const DEFAULTS = defaultSettings(4)
let folder: ReturnType<typeof tempFolder>
let file: string
const store = () => new SettingsStore(file, DEFAULTS, () => 1000)

beforeEach(() => {
  folder = tempFolder('gatehouse-settings-')
  file = folder.path('.gatehouse', 'settings.json')
  vi.spyOn(console, 'warn').mockImplementation(() => undefined)
})
afterEach(() => {
  folder.remove()
  vi.restoreAllMocks()
})

describe('SettingsStore', () => {
  it('falls back to lanes and memory that fit the memory budget, saying why with the numbers', async () => {
    folder.write(
      '.gatehouse/settings.json',
      JSON.stringify({
        version: 1,
        settings: { ...DEFAULTS, lanes: 16, memoryMb: 1024, permits: 7 },
      }),
    )
    const loaded = await new SettingsStore(file, DEFAULTS, () => 1000, {
      memoryBudget: { budgetMb: 2048, totalMb: 4096 },
    }).load()
    expect(loaded.settings).toEqual({ ...DEFAULTS, permits: 7 })
    expect(loaded.status).toMatchObject({ loadedFrom: 'file', notice: { kind: 'invalid' } })
    expect(loaded.status.notice?.message).toContain(
      "16 lanes x (memoryMb 1024 + 32 MB lane overhead) = 16896 MB, more than the memory budget of 2048 MB (half of this machine's 4096 MB)",
    )
    expect(loaded.status.notice?.message).toContain(
      `using lanes ${DEFAULTS.lanes} and memoryMb ${DEFAULTS.memoryMb} instead`,
    )
  })

  it('starts from the defaults, without a notice, when there is no file', async () => {
    expect(await store().load()).toEqual({
      settings: DEFAULTS,
      status: { path: file, loadedFrom: 'defaults' },
    })
  })

  it('saves atomically and loads what it saved', async () => {
    const changed: Settings = { ...DEFAULTS, permits: 9, waitTimeoutMs: 0 }
    await store().save(changed)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, settings: changed })
    expect(readdirSync(folder.path('.gatehouse'))).toEqual(['settings.json'])
    expect(await store().load()).toEqual({
      settings: changed,
      status: { path: file, loadedFrom: 'file' },
    })
  })

  it('refuses to save settings out of range', async () => {
    await expect(store().save({ ...DEFAULTS, permits: 0 })).rejects.toThrow()
  })

  it('falls back to the defaults with a notice for a corrupt file, keeping a copy of it', async () => {
    folder.write('.gatehouse/settings.json', '{ "version": 1, "settings": { "permits": 9')
    const { settings, status } = await store().load()
    expect(settings).toEqual(DEFAULTS)
    expect(status.loadedFrom).toBe('defaults')
    expect(status.notice).toMatchObject({
      kind: 'corrupt',
      at: 1000,
      backupPath: `${file}.bad-1000`,
    })
    expect(status.notice?.message).toContain('is damaged: it is not valid JSON')
    expect(status.notice?.message).toContain('Gatehouse started with the default settings.')
    expect(readFileSync(`${file}.bad-1000`, 'utf8')).toContain('"permits": 9')
  })

  it('keeps the valid settings of a file with invalid ones, and says which were dropped', async () => {
    folder.write(
      '.gatehouse/settings.json',
      JSON.stringify({
        version: 1,
        settings: { permits: 9, lanes: 99, memoryMb: 'lots', colour: 'red' },
      }),
    )
    const { settings, status } = await store().load()
    expect(settings).toEqual({ ...DEFAULTS, permits: 9 })
    expect(status.loadedFrom).toBe('file')
    expect(status.notice?.kind).toBe('invalid')
    expect(status.notice?.message).toContain(
      'lanes must be at most 16 (got 99); using the default 4',
    )
    expect(status.notice?.message).toContain(
      'memoryMb must be a number (got "lots"); using the default 64',
    )
    expect(status.notice?.message).toContain('unknown setting "colour" ignored')
  })

  it('falls back to the defaults for a file of another shape or version', async () => {
    for (const text of [
      '[1, 2]',
      '{"permits": 9}',
      '{"version": 2, "settings": {}}',
      '{"version": 1}',
      'null',
    ]) {
      folder.write('.gatehouse/settings.json', text)
      const { settings, status } = await store().load()
      expect(settings, text).toEqual(DEFAULTS)
      expect(status.notice?.kind, text).toBe('invalid')
    }
  })

  it('reports an unreadable file (a folder in its place) and never throws', async () => {
    folder.write('.gatehouse/settings.json/inside', '')
    const { settings, status } = await store().load()
    expect(settings).toEqual(DEFAULTS)
    expect(status.notice?.kind).toBe('unreadable')
  })
})

describe('withPersistedSettings', () => {
  function fakeCore(result: { ok: boolean }) {
    return {
      handle: vi.fn(async (channel: string, payload: unknown) =>
        result.ok
          ? {
              ok: true,
              value: {
                ...DEFAULTS,
                ...(channel === METHOD_CHANNELS.updateSettings ? (payload as object) : {}),
              },
            }
          : {
              ok: false,
              error: { type: 'ValidationError', message: 'permits must be at most 256' },
            },
      ),
      onTelemetry: vi.fn(),
      shutdown: vi.fn(),
    }
  }

  it('saves every successful settings:update, and nothing else', async () => {
    const core = fakeCore({ ok: true })
    const settingsStore = store()
    const api = withPersistedSettings(core as unknown as Core, settingsStore, {
      path: file,
      loadedFrom: 'defaults',
    })
    await api.handle(METHOD_CHANNELS.snapshot, {})
    expect(() => readFileSync(file)).toThrow()
    await api.handle(METHOD_CHANNELS.updateSettings, { permits: 7 })
    expect(JSON.parse(readFileSync(file, 'utf8')).settings.permits).toBe(7)
  })

  it('writes nothing when the core refuses the update', async () => {
    const api = withPersistedSettings(fakeCore({ ok: false }) as unknown as Core, store(), {
      path: file,
      loadedFrom: 'defaults',
    })
    expect(await api.handle(METHOD_CHANNELS.updateSettings, { permits: 1000 })).toMatchObject({
      ok: false,
    })
    expect(() => readFileSync(file)).toThrow()
  })

  it('answers settings:status with the load notice, and validates its payload', async () => {
    const notice = { kind: 'corrupt' as const, message: 'damaged', at: 5 }
    const core = fakeCore({ ok: true })
    const api = withPersistedSettings(core as unknown as Core, store(), {
      path: file,
      loadedFrom: 'defaults',
      notice,
    })
    expect(await api.handle(METHOD_CHANNELS.settingsStatus, {})).toEqual({
      ok: true,
      value: { path: file, loadedFrom: 'defaults', notice },
    })
    expect(await api.handle(METHOD_CHANNELS.settingsStatus, { x: 1 })).toMatchObject({
      ok: false,
      error: { type: 'ValidationError', message: 'Unknown field: x' },
    })
    expect(core.handle).not.toHaveBeenCalled()
  })

  it('keeps the change and reports a write-failed notice when the file cannot be written', async () => {
    folder.write('.gatehouse/settings.json/inside', '') // a folder where the file goes
    const api = withPersistedSettings(fakeCore({ ok: true }) as unknown as Core, store(), {
      path: file,
      loadedFrom: 'defaults',
    })
    expect(await api.handle(METHOD_CHANNELS.updateSettings, { permits: 7 })).toMatchObject({
      ok: true,
    })
    const status = await api.handle(METHOD_CHANNELS.settingsStatus, {})
    expect(status).toMatchObject({ ok: true, value: { notice: { kind: 'write-failed' } } })
  })
})
