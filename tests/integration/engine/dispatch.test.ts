// The sandbox host as the one owner of dispatch, end to end with the real
// host process and real lanes: what happens to the runs queued behind a
// crash, to a batch when the host dies under it, to a faulty stress while the
// lanes are rebuilt, and to a long stress's books.
import { resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { CoreInternals } from '../../../src/engine/create-core'
import { createCore } from '../../../src/engine/create-core'
import type { Core } from '../../../src/engine/core-api'
import { forkHostSpawner } from '../../../src/engine/fork-host'
import type { Settings } from '../../../src/protocol/settings'
import type { StressReportFull } from '../../../src/protocol/stress'

const HOST_ENTRY = resolve(__dirname, '../../../out/main/sandbox-host.js')
let core: (Core & { internals: CoreInternals }) | undefined

async function start(settings: Partial<Settings>): Promise<Core & { internals: CoreInternals }> {
  core = await createCore({ spawnHost: forkHostSpawner(HOST_ENTRY), settings })
  return core
}

afterEach(async () => {
  await core?.shutdown()
  core = undefined
})

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1500; i++) {
    if (condition()) return
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error(`timed out waiting until ${what}`)
}

async function stressReport(c: Core, stressId: string): Promise<StressReportFull> {
  for (let i = 0; i < 3000; i++) {
    const reply = await c.handle('stress:report', { stressId })
    if (!reply.ok) throw new Error(reply.error.message)
    if (reply.value.state === 'done' || reply.value.state === 'cancelled') return reply.value
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('the stress did not end')
}
function expectHealthy(c: Core & { internals: CoreInternals }): void {
  expect(c.internals.scheduler.audit()).toMatchObject({
    inUse: 0,
    leaked: 0,
    doubleReleases: 0,
    runsWithoutOutcome: 0,
    inFlight: 0,
    healthy: true,
  })
}

describe('dispatch owned by the sandbox host', () => {
  it('a lane crash fails only its own run; the runs queued behind it on that lane run elsewhere or after', async () => {
    const c = await start({ permits: 6, lanes: 1, waitTimeoutMs: 60_000 })
    const { scheduler } = c.internals
    const crash = scheduler.submit({ id: 'crash', code: 'return 0' }, { crashLane: 'on-start' })
    const behind = Array.from({ length: 5 }, (_, i) =>
      scheduler.submit({ id: `behind-${i}`, code: `return ${i}` }),
    )
    const crashed = await crash
    expect(crashed.error).toMatchObject({ type: 'PanicError', cause: 'lane-exit' })
    const after = await Promise.all(behind)
    expect(after.map((o) => (o.status === 'ok' ? o.value : o.error.type))).toEqual([0, 1, 2, 3, 4])
    expectHealthy(c)
  })

  it('the host killed in the middle of a batch: runs on lanes fail as PanicError, the rest run on the new host', async () => {
    const c = await start({ permits: 40, lanes: 2, waitTimeoutMs: 60_000 })
    const { scheduler, host } = c.internals
    const pid = host.pid
    const runs = Array.from({ length: 40 }, (_, i) =>
      scheduler.submit({
        id: `batch-${i}`,
        code: 'const end = Date.now() + 20; while (Date.now() < end) {} return input.i',
        input: JSON.stringify({ i }),
      }),
    )
    await until(
      () => scheduler.snapshot().lanes.some((l) => l.runId !== null),
      'a run is on a lane',
    )
    c.internals.scheduler.injectFault({ kind: 'kill-host' })
    const outcomes = await Promise.all(runs)
    const panics = outcomes.filter((o) => o.status === 'error')
    expect(panics.length).toBeGreaterThan(0)
    // At most the runs on the lanes: two lanes, two runs deep.
    expect(panics.length).toBeLessThanOrEqual(4)
    for (const o of panics)
      expect(o.error).toMatchObject({ type: 'PanicError', cause: 'host-exit' })
    outcomes.forEach((o, i) => {
      if (o.status === 'ok') expect(o.value).toBe(i)
    })
    expect(host.pid).not.toBe(pid)
    expectHealthy(c)
  })

  it('lanes resized twice during a faulty 2,000-run stress: one outcome per run, the audit passes', async () => {
    const c = await start({ permits: 8, lanes: 2, waitTimeoutMs: 600_000, runTimeoutMs: 300 })
    const started = await c.handle('stress:start', {
      code: 'return input.i * 2',
      runs: 2000,
      faults: { throw: 5, loop: 1, crash: 1 },
    })
    if (!started.ok) throw new Error(started.error.message)
    const { stressId } = started.value
    const { scheduler } = c.internals
    await until(() => scheduler.stats.settled > 300, '300 runs settle')
    const grown = await c.handle('settings:update', { lanes: 3 })
    expect(grown.ok).toBe(true)
    await until(() => scheduler.stats.settled > 1000, '1000 runs settle')
    const shrunk = await c.handle('settings:update', { lanes: 1 })
    expect(shrunk.ok).toBe(true)
    const report = await stressReport(c, stressId)
    expect(report.state).toBe('done')
    expect(report.runs).toHaveLength(2000)
    expect(report.audit).toMatchObject({
      leaked: 0,
      doubleReleases: 0,
      runsWithoutOutcome: 0,
      passed: true,
    })
    expect(scheduler.snapshot().lanes).toHaveLength(1)
    expectHealthy(c)
  }, 120_000)

  it('a 10,000-run stress: every run has its outcome and the audit passes', async () => {
    const c = await start({ permits: 8, lanes: 2, waitTimeoutMs: 600_000 })
    const started = await c.handle('stress:start', { code: 'return input.i + 1', runs: 10_000 })
    if (!started.ok) throw new Error(started.error.message)
    const report = await stressReport(c, started.value.stressId)
    expect(report.state).toBe('done')
    expect(report.runs).toHaveLength(10_000)
    expect(report.outcomes.ok).toBe(10_000)
    expect(report.audit).toMatchObject({ leaked: 0, runsWithoutOutcome: 0, passed: true })
    expectHealthy(c)
  }, 180_000)
})
