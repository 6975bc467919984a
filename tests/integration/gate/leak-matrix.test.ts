// The original service's leak matrix: every path a run can take through the
// gate, each proven to take and give back a permit exactly once (or never
// take one). Real sandbox host process, real lanes.
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CoreInternals } from '../../../src/engine/create-core'
import { createCore } from '../../../src/engine/create-core'
import type { Core } from '../../../src/engine/core-api'
import { forkHostSpawner } from '../../../src/engine/fork-host'
import type { RunOutcome } from '../../../src/protocol/outcome'

const HOST_ENTRY = resolve(__dirname, '../../../out/main/sandbox-host.js')

type TestCore = Core & { internals: CoreInternals }
let core: TestCore
let seq = 0

async function submit(code: string, extra: Record<string, unknown> = {}): Promise<RunOutcome> {
  const reply = await core.handle('run:submit', { id: `leak-${++seq}`, code, ...extra })
  if (!reply.ok) throw new Error(reply.error.message)
  return reply.value
}

/** Runs `act`, then checks the permits it took (0 or 1 per run) all came back, once. */
async function expectPermits(taken: number, act: () => Promise<unknown>): Promise<void> {
  const before = core.internals.gate.counters
  await act()
  const after = core.internals.gate.counters
  expect(after.acquired - before.acquired).toBe(taken)
  expect(after.released - before.released).toBe(taken)
  expect(after.doubleReleases).toBe(0)
  expect(core.internals.gate.activeCount).toBe(0)
  const audit = core.internals.scheduler.audit()
  expect(audit).toMatchObject({ leaked: 0, runsWithoutOutcome: 0, inFlight: 0, healthy: true })
}

/** A run is on a lane: killing the host now loses it (a run still in the host's queue would be resent). */
async function untilRunning(): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (core.internals.scheduler.snapshot().lanes.some((l) => l.state === 'running')) return
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error('no run started')
}

async function untilIdle(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const lanes = core.internals.scheduler.snapshot().lanes
    if (lanes.every((l) => l.state === 'idle')) return
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error('lanes did not come back')
}

beforeAll(async () => {
  core = await createCore({
    spawnHost: forkHostSpawner(HOST_ENTRY),
    settings: { permits: 3, lanes: 1, waitTimeoutMs: 300, runTimeoutMs: 5000 },
  })
  await untilIdle()
})

afterAll(async () => {
  await core?.shutdown()
})

describe('the leak matrix: each path releases exactly once', () => {
  it('validation failure never takes a permit', async () => {
    await expectPermits(0, async () => {
      const outcome = await submit('return 1', { limits: { runTimeoutMs: Number.NaN } })
      expect(outcome.error?.type).toBe('ValidationError')
    })
  })

  it('a syntax error never takes a permit', async () => {
    await expectPermits(0, async () => {
      expect((await submit('return (')).error?.type).toBe('SyntaxError')
    })
  })

  it('wait timeout: the waiter leaves without a permit; the holders release theirs', async () => {
    await expectPermits(3, async () => {
      const holders = [1, 2, 3].map(() =>
        submit('while (true) {}', { limits: { runTimeoutMs: 600 } }),
      )
      const waiter = await submit('return "never"')
      expect(waiter.error?.type).toBe('ConcurrencyError')
      expect(waiter.error?.message).toMatch(/waited \d+ ms/)
      const held = await Promise.all(holders)
      expect(held.map((o) => o.error?.type)).toEqual([
        'TimeoutError',
        'TimeoutError',
        'TimeoutError',
      ])
    })
  })

  it('normal return', async () => {
    await expectPermits(1, async () => {
      expect((await submit('return 40 + 2')).value).toBe(42)
    })
  })

  it('script throw', async () => {
    await expectPermits(1, async () => {
      const outcome = await submit('throw new RangeError("nope")')
      expect(outcome.error).toMatchObject({ type: 'ScriptError', name: 'RangeError' })
    })
  })

  it('execution timeout (interrupt)', async () => {
    await expectPermits(1, async () => {
      const outcome = await submit('for (;;) {}', { limits: { runTimeoutMs: 100 } })
      expect(outcome.error).toMatchObject({ type: 'TimeoutError', cause: 'interrupt' })
    })
  })

  it('crash on the sync path: the host dies mid-run', async () => {
    await untilIdle()
    await expectPermits(1, async () => {
      const running = submit('while (true) {}', { limits: { runTimeoutMs: 5000 } })
      await untilRunning()
      core.internals.host.kill()
      const outcome = await running
      expect(outcome.error).toMatchObject({ type: 'PanicError', cause: 'host-exit' })
    })
    await untilIdle()
    expect((await submit('return "after the crash"')).value).toBe('after the crash')
  })

  it('crash on the async path: the host dies while a run awaits a timer', async () => {
    await untilIdle()
    await expectPermits(1, async () => {
      const running = submit('await new Promise((r) => setTimeout(r, 3000)); return 1')
      await untilRunning()
      core.internals.host.kill()
      const outcome = await running
      expect(outcome.route).toBe('loop')
      expect(outcome.error).toMatchObject({ type: 'PanicError', cause: 'host-exit' })
    })
    await untilIdle()
  })

  it('waiting for a lane: more permits than lanes, every permit still comes back once', async () => {
    await untilIdle()
    await expectPermits(3, async () => {
      const runs = [1, 2, 3].map((n) =>
        submit(`await new Promise((r) => setTimeout(r, 250)); return ${n}`),
      )
      // One lane takes one run and one run ahead: the third holds a permit and waits for the lane.
      let sawWaiting = false
      for (let i = 0; i < 20 && !sawWaiting; i++) {
        sawWaiting = core.internals.scheduler.snapshot().awaitingLane.length > 0
        if (!sawWaiting) await new Promise((r) => setTimeout(r, 10))
      }
      expect(sawWaiting).toBe(true)
      expect((await Promise.all(runs)).map((o) => o.value)).toEqual([1, 2, 3])
    })
  })

  it('stop while waiting for a lane releases the permit once', async () => {
    await untilIdle()
    await expectPermits(3, async () => {
      const runs = [1, 2, 3].map((n) =>
        submit(`await new Promise((r) => setTimeout(r, 200)); return ${n}`),
      )
      let waiting: string | undefined
      for (let i = 0; i < 20 && !waiting; i++) {
        waiting = core.internals.scheduler.snapshot().awaitingLane[0]
        if (!waiting) await new Promise((r) => setTimeout(r, 10))
      }
      expect(waiting).toBeDefined()
      await core.handle('run:stop', { id: waiting })
      const outcomes = await Promise.all(runs)
      expect(outcomes.filter((o) => o.error?.type === 'CancelledError')).toHaveLength(1)
    })
  })
})
