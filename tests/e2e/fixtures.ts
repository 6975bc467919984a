import { test as base } from '@playwright/test'
import { startGatehouseServer } from './server-process'
import type { GatehouseServer } from './server-process'

/** Tests get a running `gatehouse serve`, one per worker, stopped when the worker ends. */
export const test = base.extend<object, { server: GatehouseServer }>({
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
})

export { expect } from '@playwright/test'
