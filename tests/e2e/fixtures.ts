import { test as base } from '@playwright/test'
import type { Settings } from '../../src/protocol/settings'
import { connectGateApi } from './gate-api'
import type { GateApi } from './gate-api'
import { startGatehouseServer } from './server-process'
import type { GatehouseServer } from './server-process'

/**
 * Tests get a running `gatehouse serve`, one per worker, stopped when the
 * worker ends. The server is shared, so every test leaves the gate's settings
 * as it found them: `gateApi` reads them before the test and puts back what
 * the test changed (through the UI or otherwise) after it, and removes the
 * recovery draft its edits left.
 */
export const test = base.extend<{ gateApi: GateApi }, { server: GatehouseServer }>({
  server: [
    // Playwright reads the fixture's dependencies from this pattern: it must be an object.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await startGatehouseServer()
      try {
        await use(server)
      } finally {
        await server.stop()
      }
    },
    { scope: 'worker', timeout: 150_000 },
  ],
  gateApi: [
    async ({ server }, use) => {
      const api = await connectGateApi(server.url)
      const before = await api.getSettings()
      try {
        await use(api)
      } finally {
        const after = await api.getSettings()
        const changed = (Object.keys(before) as (keyof Settings)[]).some(
          (name) => before[name] !== after[name],
        )
        if (changed) await api.updateSettings(before)
        // Edits leave a recovery draft behind, which the next page would offer back.
        await api.clearDraft()
        api.close()
      }
    },
    { auto: true, timeout: 30_000 },
  ],
})

export { expect } from '@playwright/test'
