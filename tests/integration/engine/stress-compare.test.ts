// Compare mode in the core: policy A then policy B on one workload (one
// seed), each reporting as a stress of its own, then the user's settings back.
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stressReportCsv } from '../../../src/cli/stress-csv'
import type { Core } from '../../../src/engine/core-api'
import type { CoreInternals } from '../../../src/engine/create-core'
import { createCore } from '../../../src/engine/create-core'
import { forkHostSpawner } from '../../../src/engine/fork-host'
import { compareReports } from '../../../src/engine/stress/compare-reports'
import type { Settings } from '../../../src/protocol/settings'
import type { StressReportFull } from '../../../src/protocol/stress'

const HOST_ENTRY = resolve(__dirname, '../../../out/main/sandbox-host.js')
const USER_SETTINGS = { permits: 3, lanes: 1, waitTimeoutMs: 600_000, runTimeoutMs: 1000 }
let core: Core & { internals: CoreInternals }
const finishedIds = new Set<string>()
const waiting = new Map<string, () => void>()

async function call<T>(channel: string, payload: unknown): Promise<T> {
  const reply = await core.handle(channel as never, payload)
  if (!reply.ok) throw new Error(reply.error.message)
  return reply.value as T
}

/** Resolves when the core says the stress finished (after a comparison's restore, for B). */
function finished(stressId: string): Promise<StressReportFull> {
  return new Promise<void>((resolveFinished) => {
    if (finishedIds.has(stressId)) resolveFinished()
    else waiting.set(stressId, resolveFinished)
  }).then(() => call<StressReportFull>('stress:report', { stressId }))
}

const columns = (report: StressReportFull) =>
  stressReportCsv(report)
    .trim()
    .split('\n')
    .map((line) => line.split(',').slice(0, 2).join(','))

beforeAll(async () => {
  core = await createCore({ spawnHost: forkHostSpawner(HOST_ENTRY), settings: USER_SETTINGS })
  // A tap sees each event as it is emitted, before the report can be read.
  core.internals.telemetry.tap((event) => {
    if (event.kind !== 'stress.finished') return
    finishedIds.add(event.stressId)
    waiting.get(event.stressId)?.()
  })
})

afterAll(async () => {
  await core?.shutdown()
})

describe('comparing two policies', () => {
  it('runs A then B on the same plan, reports each with its own settings, and restores the user’s', async () => {
    const started = await call<{
      comparisonId: string
      seed: number
      stressIds: { a: string; b: string }
    }>('stress:compare', {
      plan: { code: 'return input.i', runs: 200, faults: { throw: 10, loop: 2 }, seed: 42 },
      a: { permits: 1, lanes: 1, waitTimeoutMs: 600_000, runTimeoutMs: 100 },
      b: { permits: 4, lanes: 2, waitTimeoutMs: 600_000, runTimeoutMs: 100 },
    })
    expect(started.seed).toBe(42)
    expect(started.stressIds).toEqual({
      a: `${started.comparisonId}a`,
      b: `${started.comparisonId}b`,
    })
    // One comparison at a time, and no single stress beside it.
    await expect(call('stress:start', { code: 'return 1', runs: 1 })).rejects.toThrow(
      /comparison .* is still running/,
    )
    const a = await finished(started.stressIds.a)
    const b = await finished(started.stressIds.b)
    for (const [report, permits, lanes] of [
      [a, 1, 1],
      [b, 4, 2],
    ] as const) {
      expect(report.state).toBe('done')
      expect(report.runs).toHaveLength(200)
      expect(report.audit.passed).toBe(true)
      expect(report.settings).toEqual({ permits, lanes, waitTimeoutMs: 600_000, runTimeoutMs: 100 })
      expect(report.audit.peakInUse).toBeLessThanOrEqual(permits)
      expect(report.plan.seed).toBe(42)
      expect(report.comparison).toMatchObject({
        comparisonId: started.comparisonId,
        mode: 'sequential',
      })
    }
    expect(a.comparison?.role).toBe('a')
    expect(b.comparison?.role).toBe('b')
    // Run i is the same run in both: the CSV's i and fault columns are identical.
    expect(columns(b)).toEqual(columns(a))
    expect(a.runs.filter((r) => r.fault === 'throw').length).toBeGreaterThan(5)
    // Once B is reported finished, the gate is the user's again.
    expect(await call<Settings>('settings:get', {})).toMatchObject(USER_SETTINGS)
    expect(core.internals.gate.permits).toBe(USER_SETTINGS.permits)

    const diff = compareReports(a, b)
    expect(diff.mode).toBe('sequential')
    expect(diff.sameWorkload).toBe(true)
    expect(diff.audit).toEqual({ a: true, b: true })
    // Which side wins is the machine's to say (timing belongs in the bench); the rows carry both readings.
    const queueP95 = diff.rows.find((r) => r.metric === 'queue.p95')
    expect(queueP95).toMatchObject({ a: a.latencyMs.queue.p95, b: b.latencyMs.queue.p95 })
  }, 90_000)

  it('cancelling during A: B never runs, and the settings still come back', async () => {
    const started = await call<{ stressIds: { a: string; b: string } }>('stress:compare', {
      plan: { code: 'return input.i', runs: 300, arrival: { pattern: 'rate', perSecond: 50 } },
      a: { permits: 2, lanes: 1, waitTimeoutMs: 1000, runTimeoutMs: 200 },
      b: { permits: 5, lanes: 1, waitTimeoutMs: 1000, runTimeoutMs: 200 },
    })
    await call('stress:control', { stressId: started.stressIds.a, action: 'cancel' })
    const a = await finished(started.stressIds.a)
    const b = await finished(started.stressIds.b)
    expect(a.state).toBe('cancelled')
    expect(a.runs.length).toBeLessThan(300)
    expect(a.audit.passed).toBe(true)
    expect(b.state).toBe('cancelled')
    expect(b.submitted).toBe(0)
    // The seed the core picked is shared and recorded.
    expect(b.plan.seed).toBe(a.plan.seed)
    expect(await call<Settings>('settings:get', {})).toMatchObject(USER_SETTINGS)
  }, 60_000)

  it('refuses bad policies with the field’s name, before anything runs', async () => {
    await expect(
      call('stress:compare', {
        plan: { code: 'return 1', runs: 5 },
        a: { permits: 0, lanes: 1, waitTimeoutMs: 0, runTimeoutMs: 100 },
        b: { permits: 1, lanes: 1, waitTimeoutMs: 0, runTimeoutMs: 100 },
      }),
    ).rejects.toThrow(/a\.permits: permits must be at least 1|permits must be at least 1/)
    await expect(
      call('stress:compare', {
        plan: { code: 'return 1', runs: 5 },
        a: { permits: 1, lanes: 1, waitTimeoutMs: 0, runTimeoutMs: 100 },
      }),
    ).rejects.toThrow(/b/)
  })
})
