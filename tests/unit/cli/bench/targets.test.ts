import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Baseline, Measured } from '../../../../src/cli/bench/targets'
import { buildTargets, readBaseline } from '../../../../src/cli/bench/targets'

const measured: Measured = {
  floorTrivialPerSec: 5000,
  floorCpuMsPerTrivialRun: 0.2,
  nodeVmTrivialPerSec: 2000,
  gatehouseTrivialPerSec: 6000,
  latencyP50Ms: 0.8,
  laneMsPerTrivialRun: 0.35,
  mainMsPerTrivialRun: 0.04,
  cpuUnavailable: undefined,
  interruptOvershootMs: [0.2, 0.4, 9],
  watchdogOvershootMs: [150, 160, 170],
  coldStartMs: 150,
  stressRuns: 10_000,
  hostRssMb: { '2000': 100, '10000': 105 },
}

const baseline: Baseline = {
  date: '2026-11-28T10:00:00.000Z',
  timeoutOvershootMs: { interrupt: [0.1, 0.3], watchdog: [140, 150] },
  coldStartMs: 140,
  stress: { runs: 10_000, hostRssMb: { '2000': 100, '10000': 100 } },
}

const byName = (targets: ReturnType<typeof buildTargets>) =>
  Object.fromEntries(targets.map((t) => [t.name, t]))

describe('buildTargets', () => {
  it('judges the ratios of one invocation', () => {
    const t = byName(buildTargets(measured))
    expect(t['trivial throughput vs the floor']).toMatchObject({ value: 1.2, met: true })
    expect(t['trivial throughput vs node:vm']).toMatchObject({ value: 3, met: true })
    expect(t['idle latency p50']).toMatchObject({ value: 0.8, met: true })
    // Lane CPU against the floor's CPU per run (not its wall time, 0.2 ms here too).
    expect(t['lane CPU per trivial run vs the floor (CPU per run)']).toMatchObject({
      value: 1.75,
      met: false,
    })
    expect(t['main-thread CPU per trivial run']).toMatchObject({ value: 0.04, met: true })
    expect(t['host RSS growth, 2,000 -> 10,000 runs']).toMatchObject({ value: 5, met: true })
  })

  it('misses a target by a hair, not only by a mile', () => {
    const t = byName(
      buildTargets({ ...measured, gatehouseTrivialPerSec: 4999, latencyP50Ms: 1.01 }),
    )
    expect(t['trivial throughput vs the floor']?.met).toBe(false)
    expect(t['idle latency p50']?.met).toBe(false)
  })

  it('leaves the CPU targets unjudged, saying why, without /proc', () => {
    const t = byName(
      buildTargets({
        ...measured,
        laneMsPerTrivialRun: undefined,
        mainMsPerTrivialRun: undefined,
        floorCpuMsPerTrivialRun: undefined,
        cpuUnavailable: 'no /proc on darwin',
      }),
    )
    expect(t['main-thread CPU per trivial run']).toMatchObject({
      value: null,
      met: null,
      goal: 'not measured: no /proc on darwin',
    })
  })

  it('leaves regressions unjudged without a baseline, and judges them with one', () => {
    const without = buildTargets(measured).filter((t) => t.name.startsWith('no regression'))
    expect(without).toHaveLength(4)
    expect(
      without.every((t) => t.met === null && t.goal === 'not judged: no --baseline given'),
    ).toBe(true)

    const t = byName(buildTargets(measured, baseline))
    // Best tries: 0.2 against 0.1 + 1 ms of slack (the 9 ms try was a busy neighbour).
    expect(t['no regression: interrupt overshoot (best try)']).toMatchObject({
      value: 0.2,
      met: true,
    })
    // 150 against 140 + 50.
    expect(t['no regression: watchdog overshoot (best try)']?.met).toBe(true)
    const slower = byName(
      buildTargets(
        { ...measured, interruptOvershootMs: [1.2, 1.3], watchdogOvershootMs: [191] },
        baseline,
      ),
    )
    expect(slower['no regression: interrupt overshoot (best try)']?.met).toBe(false)
    expect(slower['no regression: watchdog overshoot (best try)']?.met).toBe(false)
    expect(t['no regression: cold start']).toMatchObject({
      goal: '<= 175 (baseline 2026-11-28: 140)',
      met: true,
    })
    expect(t['no regression: host RSS after 10,000 runs']).toMatchObject({ value: 105, met: true })

    const worse = byName(
      buildTargets(
        { ...measured, coldStartMs: 180, hostRssMb: { '2000': 100, '10000': 111 } },
        baseline,
      ),
    )
    expect(worse['no regression: cold start']?.met).toBe(false)
    expect(worse['no regression: host RSS after 10,000 runs']?.met).toBe(false)
  })

  it('does not compare host memory after stresses of different lengths', () => {
    const t = byName(
      buildTargets({ ...measured, stressRuns: 2000, hostRssMb: { '2000': 100 } }, baseline),
    )
    expect(t['no regression: host RSS after 2,000 runs']).toMatchObject({
      met: null,
      goal: "not judged: the baseline's stress has 10000 runs",
    })
  })
})

describe('readBaseline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-baseline-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const file = (name: string, text: string): string => {
    const path = join(dir, name)
    writeFileSync(path, text)
    return path
  }

  it('reads a results file', () => {
    expect(readBaseline(file('ok.json', JSON.stringify({ ...baseline, extra: 1 })))).toEqual(
      baseline,
    )
  })

  it('says what is wrong with a bad one', () => {
    expect(() => readBaseline(join(dir, 'missing.json'))).toThrow(
      /^Cannot read the baseline .*missing\.json: ENOENT/,
    )
    expect(() => readBaseline(file('bad.json', '{'))).toThrow(
      /^The baseline .*bad\.json is not JSON/,
    )
    expect(() =>
      readBaseline(file('other.json', JSON.stringify({ ...baseline, coldStartMs: 'fast' }))),
    ).toThrow(/other\.json is not a bench results file: coldStartMs: /)
  })
})
