import { describe, expect, it, vi } from 'vitest'
import type { GatehouseApi } from '../../../src/protocol/api'
import { EventLog } from '../../../renderer/event-log/event-log'
import { createAppStore } from '../../../renderer/store'
import { EXAMPLES } from '../../../renderer/examples/catalog'
import type { Example } from '../../../renderer/examples/types'
import { handleMenuCommand } from '../../../renderer/store/bridge-sync'

describe('desktop menu commands', () => {
  it('run, stop, and open the settings and the examples; file commands go to the file slice', () => {
    const run = vi.fn(() => new Promise<never>(() => undefined))
    const api = { run, stop: vi.fn(async () => ({ stopped: true })) } as unknown as GatehouseApi
    const store = createAppStore(
      { api, now: () => 0, storage: null, eventLog: new EventLog(10) },
      { status: 'open' },
    )
    expect(handleMenuCommand(store, { type: 'run' })).toBe(true)
    expect(run).toHaveBeenCalledTimes(1)
    expect(handleMenuCommand(store, { type: 'stop' })).toBe(true)
    expect(api.stop).toHaveBeenCalledTimes(1)
    expect(handleMenuCommand(store, { type: 'settings' })).toBe(true)
    expect(store.getState().settingsOpen).toBe(true)
    expect(handleMenuCommand(store, { type: 'examples' })).toBe(true)
    expect(store.getState().examplesOpen).toBe(true)
    expect(handleMenuCommand(store, { type: 'open' })).toBe(true)
  })

  it("Run is the view's action and Stop the playground's; Close Tab closes the tab in front", () => {
    const run = vi.fn(() => new Promise<never>(() => undefined))
    const api = { run, stop: vi.fn(async () => ({ stopped: true })) } as unknown as GatehouseApi
    const store = createAppStore(
      { api, now: () => 0, storage: null, eventLog: new EventLog(10) },
      { status: 'open' },
    )
    store.getState().setView('stress')
    expect(handleMenuCommand(store, { type: 'run' })).toBe(true)
    expect(handleMenuCommand(store, { type: 'stop' })).toBe(true)
    // Not the hidden playground's script, nor its Stop.
    expect(run).not.toHaveBeenCalled()
    expect(api.stop).not.toHaveBeenCalled()

    store.getState().setView('playground')
    store.getState().openExample({ ...EXAMPLES[0], title: 'second tab' } as Example)
    const tabs = store.getState().tabs.length
    expect(handleMenuCommand(store, { type: 'close-tab' })).toBe(true)
    expect(store.getState().tabs.length).toBe(tabs - 1)
  })
})
