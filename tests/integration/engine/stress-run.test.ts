// The core's stress runner: arrival patterns, the fault mix, pause / resume /
// cancel, progress in the telemetry, and a report whose audit passes.
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stressReportCsv } from '../../../src/cli/stress-csv'
import type { CoreInternals } from '../../../src/engine/create-core'
import { createCore } from '../../../src/engine/create-core'
import type { Core } from '../../../src/engine/core-api'
import { forkHostSpawner } from '../../../src/engine/fork-host'
import { faultFor } from '../../../src/engine/stress/fault-plan'
import type { StressReportFull } from '../../../src/protocol/stress'
import type { TelemetryEvent } from '../../../src/protocol/telemetry'

const HOST_ENTRY = resolve(__dirname, '../../../out/main/sandbox-host.js')
let core: Core & { internals: CoreInternals }
const events: TelemetryEvent[] = []

async function call<T>(channel: string, payload: unknown): Promise<T> {
  const reply = await core.handle(channel as never, payload)
  if (!reply.ok) throw new Error(reply.error.message)
  return reply.value as T
}

async function finished(stressId: string): Promise<StressReportFull> {
  for (let i = 0; i < 600; i++) {
    const report = await call<StressReportFull>('stress:report', { stressId })
    if (report.state === 'done' || report.state === 'cancelled') return report
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('the stress did not finish')
}

beforeAll(async () => {
  core = await createCore({
    spawnHost: forkHostSpawner(HOST_ENTRY),
    settings: { permits: 4, lanes: 2, waitTimeoutMs: 600_000, runTimeoutMs: 200 },
  })
  core.onTelemetry((batch) => events.push(...batch.events))
})

afterAll(async () => {
  await core?.shutdown()
})

describe('stress runs in the core', () => {
  it('the fault mix is deterministic for a seed, another seed moves it, and it keeps its percentages', () => {
    const faults = { throw: 10, loop: 5, crash: 1 }
    const kinds = Array.from({ length: 10_000 }, (_, i) => faultFor(i, faults, 7))
    expect(kinds).toEqual(Array.from({ length: 10_000 }, (_, i) => faultFor(i, faults, 7)))
    const other = Array.from({ length: 10_000 }, (_, i) => faultFor(i, faults, 8))
    const moved = other.filter((kind, i) => kind !== kinds[i]).length
    expect(moved, 'runs whose fault changed with the seed').toBeGreaterThan(1000)
    const share = (kind: string): number => kinds.filter((k) => k === kind).length / 100
    expect(share('throw')).toBeGreaterThan(8)
    expect(share('throw')).toBeLessThan(12)
    expect(share('loop')).toBeGreaterThan(3.5)
    expect(share('loop')).toBeLessThan(6.5)
    expect(kinds.filter((k) => k === undefined).length).toBeGreaterThan(8000)
  })

  it('a burst with every kind of fault: one outcome per run, audit passes, progress arrives', async () => {
    const { stressId } = await call<{ stressId: string }>('stress:start', {
      code: 'return input.i * 2',
      runs: 400,
      faults: { throw: 10, loop: 2, memory: 1, stuck: 1, crash: 1 },
    })
    const report = await finished(stressId)
    expect(report.state).toBe('done')
    expect(report.runs).toHaveLength(400)
    expect(new Set(report.runs.map((r) => r.i)).size).toBe(400)
    const total =
      report.outcomes.ok + Object.values(report.outcomes.error).reduce((a, b) => a + (b ?? 0), 0)
    expect(total).toBe(400)
    expect(report.audit).toMatchObject({
      leaked: 0,
      doubleReleases: 0,
      runsWithoutOutcome: 0,
      inUseAfter: 0,
      passed: true,
    })
    expect(report.audit.peakInUse).toBeLessThanOrEqual(4)
    expect(report.outcomes.error.ScriptError).toBeGreaterThan(0)
    expect(report.outcomes.error.PanicError).toBeGreaterThan(0)
    for (const r of report.runs.filter((x) => x.fault === 'crash'))
      expect(r.outcome).toBe('PanicError')
    for (const r of report.runs.filter((x) => x.outcome === 'ok')) {
      expect(r.admittedAt).toBeGreaterThanOrEqual(r.submittedAt)
      expect(r.startedAt).toBeGreaterThanOrEqual(r.admittedAt as number)
      expect(r.settledAt).toBeGreaterThanOrEqual(r.startedAt as number)
    }
    expect(report.series.length).toBeGreaterThan(0)
    const progress = events.filter((e) => e.kind === 'stress.progress')
    expect(progress.length).toBeGreaterThan(0)
    // The telemetry comes in batches: the finishing event may be a batch behind the report.
    const sawFinished = (): boolean =>
      events.some((e) => e.kind === 'stress.finished' && e.stressId === stressId && e.passed)
    for (let i = 0; i < 40 && !sawFinished(); i++) await new Promise((r) => setTimeout(r, 25))
    expect(sawFinished()).toBe(true)
    const csv = stressReportCsv(report).trim().split('\n')
    expect(csv[0]).toBe('i,fault,submittedAt,admittedAt,startedAt,settledAt,lane,outcome,cause')
    expect(csv).toHaveLength(401)
  }, 60_000)

  it('a rate arrival can be paused, resumed and cancelled; cancelled runs end as CancelledError', async () => {
    const { stressId } = await call<{ stressId: string }>('stress:start', {
      code: 'await new Promise((r) => setTimeout(r, 20)); return input.i',
      runs: 1000,
      arrival: { pattern: 'rate', perSecond: 100 },
    })
    await expect
      .poll(async () => (await call<StressReportFull>('stress:report', { stressId })).submitted, {
        timeout: 10_000,
      })
      .toBeGreaterThan(0)
    expect(
      (await call<{ state: string }>('stress:control', { stressId, action: 'pause' })).state,
    ).toBe('paused')
    const atPause = (await call<StressReportFull>('stress:report', { stressId })).submitted
    await new Promise((r) => setTimeout(r, 300))
    expect((await call<StressReportFull>('stress:report', { stressId })).submitted).toBe(atPause)
    await call('stress:control', { stressId, action: 'resume' })
    await expect
      .poll(async () => (await call<StressReportFull>('stress:report', { stressId })).submitted, {
        timeout: 10_000,
      })
      .toBeGreaterThan(atPause)
    await call('stress:control', { stressId, action: 'cancel' })
    const report = await finished(stressId)
    expect(report.state).toBe('cancelled')
    expect(report.submitted).toBeLessThan(1000)
    expect(report.runs).toHaveLength(report.submitted)
    expect(report.audit).toMatchObject({ leaked: 0, runsWithoutOutcome: 0, passed: true })
  }, 30_000)

  it('refuses a second stress while one runs, and bad plans with clear messages', async () => {
    const { stressId } = await call<{ stressId: string }>('stress:start', {
      code: 'return 1',
      runs: 100,
      arrival: { pattern: 'ramp', overMs: 2000 },
    })
    await expect(call('stress:start', { code: 'return 1', runs: 1 })).rejects.toThrow(
      /still running/,
    )
    await call('stress:control', { stressId, action: 'cancel' })
    await finished(stressId)
    await expect(call('stress:start', { code: 'return 1', runs: 0 })).rejects.toThrow(
      /runs must be at least 1/,
    )
    await expect(
      call('stress:start', { code: 'return 1', runs: 5, faults: { throw: 80, loop: 30 } }),
    ).rejects.toThrow(/at most 100 percent/)
    await expect(
      call('stress:start', { code: 'return 1', runs: 5, arrival: { pattern: 'flood' } }),
    ).rejects.toThrow(/arrival.pattern/)
  }, 30_000)
})
