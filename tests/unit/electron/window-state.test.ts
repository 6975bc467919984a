// @vitest-environment node
import { electronFake, resetElectronFake } from '../../setup-electron-mock'
import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AppWindows } from '../../../electron/main/app-windows'
import { createMainWindow } from '../../../electron/main/window'
import {
  DEFAULT_WINDOW_BOUNDS,
  WindowStateStore,
  fitToDisplays,
} from '../../../electron/main/window-state'
import { tempFolder } from '../workspace/helpers'

const SCREEN = [{ x: 0, y: 0, width: 1920, height: 1080 }]
let folder: ReturnType<typeof tempFolder>

beforeEach(() => {
  resetElectronFake()
  vi.stubEnv('ELECTRON_RENDERER_URL', undefined)
  folder = tempFolder()
})
afterEach(() => {
  folder.remove()
  vi.unstubAllEnvs()
})

describe('fitToDisplays', () => {
  it('keeps bounds that are on a screen', () => {
    expect(
      fitToDisplays({ x: 100, y: 50, width: 1000, height: 700, maximized: true }, SCREEN),
    ).toEqual({
      x: 100,
      y: 50,
      width: 1000,
      height: 700,
      maximized: true,
    })
  })

  it('centres a window whose title bar would be off every screen', () => {
    expect(fitToDisplays({ x: 3000, y: 50, width: 1000, height: 700 }, SCREEN)).toEqual({
      width: 1000,
      height: 700,
      maximized: false,
    })
  })

  it('clamps the size between the minimum and the biggest screen', () => {
    expect(fitToDisplays({ width: 100, height: 9000 }, SCREEN)).toMatchObject({
      width: 720,
      height: 1080,
    })
  })

  it('uses the defaults for anything that is not bounds', () => {
    for (const value of [null, 'x', { width: 'wide', height: 10 }, { width: 1.5, height: 800 }]) {
      expect(fitToDisplays(value, SCREEN)).toEqual(DEFAULT_WINDOW_BOUNDS)
    }
  })
})

describe('WindowStateStore', () => {
  it('remembers the size and position when the window closes, and restores them', async () => {
    const store = new WindowStateStore(folder.path('window-state.json'))
    expect(await store.load(SCREEN)).toEqual(DEFAULT_WINDOW_BOUNDS)

    const windows = new AppWindows()
    const window = createMainWindow(windows)
    const fake = electronFake.windows.at(-1)
    if (!fake) throw new Error('no window')
    fake.normalBounds = { x: 40, y: 30, width: 1100, height: 750 }
    fake.maximized = true
    store.track(window)
    fake.close()
    await vi.waitFor(() =>
      expect(readFileSync(folder.path('window-state.json'), 'utf8')).toContain('1100'),
    )

    const bounds = await store.load(SCREEN)
    expect(bounds).toEqual({ x: 40, y: 30, width: 1100, height: 750, maximized: true })
    createMainWindow(windows, bounds)
    const reopened = electronFake.windows.at(-1)
    expect(reopened?.options).toMatchObject({ x: 40, y: 30, width: 1100, height: 750 })
    reopened?.emit('ready-to-show')
    expect(reopened?.maximize).toHaveBeenCalledOnce()
  })

  it('treats a damaged file as no file', async () => {
    folder.write('window-state.json', '{{{')
    expect(await new WindowStateStore(folder.path('window-state.json')).load(SCREEN)).toEqual(
      DEFAULT_WINDOW_BOUNDS,
    )
  })
})
