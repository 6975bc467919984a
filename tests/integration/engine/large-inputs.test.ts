// A burst of large, deeply nested inputs: the main process checks them off
// its own thread, so its heartbeat keeps hearing the host, every run gets an
// outcome, and the host keeps its pid.
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CoreInternals } from '../../../src/engine/create-core'
import { createCore } from '../../../src/engine/create-core'
import type { Core } from '../../../src/engine/core-api'
import { forkHostSpawner } from '../../../src/engine/fork-host'
import { LIMITS } from '../../../src/protocol/settings'

const HOST_ENTRY = resolve(__dirname, '../../../out/main/sandbox-host.js')
let core: Core & { internals: CoreInternals }

beforeAll(async () => {
  core = await createCore({
    spawnHost: forkHostSpawner(HOST_ENTRY),
    // The default heartbeat (five missed seconds), as the app runs.
    settings: { permits: 8, lanes: 2, waitTimeoutMs: 600_000 },
  })
})

afterAll(async () => {
  await core?.shutdown()
})

/** Valid JSON just under the input limit, nested as deep as it goes. */
function deepInput(): string {
  const depth = Math.floor((LIMITS.maxInputBytes - 16) / 2)
  return `${'['.repeat(depth)}${']'.repeat(depth)}`
}

describe('a burst of large, deep inputs', () => {
  it('sixty 2 MB nested inputs: sixty outcomes, the host never replaced', async () => {
    const pid = core.internals.host.pid
    const input = deepInput()
    expect(Buffer.byteLength(input)).toBeGreaterThan(2_000_000)
    const outcomes = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        core.internals.scheduler.submit({ id: `deep-${i}`, code: 'return 1', input }),
      ),
    )
    expect(outcomes).toHaveLength(60)
    for (const outcome of outcomes) {
      // The engine refuses to nest that deep; that is the run's own outcome, not a panic.
      expect(outcome.error?.type ?? 'ok').not.toBe('PanicError')
    }
    expect(core.internals.host.pid).toBe(pid)
    expect(core.internals.scheduler.audit()).toMatchObject({
      leaked: 0,
      inFlight: 0,
      healthy: true,
    })
  }, 120_000)

  it('a large input that is not JSON is a ValidationError that never takes a permit', async () => {
    const before = core.internals.gate.counters.acquired
    const outcome = await core.internals.scheduler.submit({
      id: 'broken-large',
      code: 'return 1',
      input: `[${'1,'.repeat(100_000)}`,
    })
    expect(outcome.error).toMatchObject({ type: 'ValidationError' })
    expect(outcome.error?.message).toMatch(/input is not valid JSON/)
    expect(core.internals.gate.counters.acquired).toBe(before)
  })
})
