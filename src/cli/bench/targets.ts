import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { describeZodError } from '../../engine/validation'
import { median, round } from './stats'

/** One goal of issue 12, judged from numbers measured in one invocation. */
export interface Target {
  name: string
  value: number | null
  unit: string
  goal: string
  /** null: not judged here (no /proc, no baseline, nothing measured), with the reason in `goal`. */
  met: boolean | null
}

/** What one bench invocation measured, as the targets need it. */
export interface Measured {
  floorTrivialPerSec: number
  /** The floor's CPU per trivial run (its wall time per run stands in without /proc). */
  floorCpuMsPerTrivialRun: number | undefined
  nodeVmTrivialPerSec: number
  gatehouseTrivialPerSec: number
  latencyP50Ms: number
  /** CPU per trivial run of all lanes together / of the main thread (undefined without /proc). */
  laneMsPerTrivialRun: number | undefined
  mainMsPerTrivialRun: number | undefined
  cpuUnavailable: string | undefined
  interruptOvershootMs: number[]
  watchdogOvershootMs: number[]
  coldStartMs: number
  stressRuns: number
  /** Host RSS in MB by runs done (the keys are run counts). */
  hostRssMb: Record<string, number>
}

/**
 * An earlier `bench/results/latest.json` to compare with: "no regression" can
 * only be judged against numbers from before the change.
 */
const baselineSchema = z.object({
  date: z.string(),
  timeoutOvershootMs: z.object({ interrupt: z.array(z.number()), watchdog: z.array(z.number()) }),
  coldStartMs: z.number(),
  stress: z.object({ runs: z.number(), hostRssMb: z.record(z.string(), z.number()) }),
})
export type Baseline = z.infer<typeof baselineSchema>

/** Reads a baseline results file, saying exactly what is wrong with a bad one. */
export function readBaseline(path: string): Baseline {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new Error(`Cannot read the baseline ${path}: ${(error as Error).message}`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new Error(`The baseline ${path} is not JSON: ${(error as Error).message}`)
  }
  const parsed = baselineSchema.safeParse(json)
  if (!parsed.success) {
    throw new Error(
      `The baseline ${path} is not a bench results file: ${describeZodError(parsed.error)}`,
    )
  }
  return parsed.data
}

/** Slack for run-to-run noise before a change counts as a regression. */
export const REGRESSION_SLACK = {
  interruptMs: 1,
  watchdogMs: 50,
  coldStartFactor: 1.25,
  hostRssFactor: 1.1,
} as const

// Judged unrounded: 0.9998x is a miss even though it prints as 1.0x.
const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null)
const shown = (n: number | null, digits = 2): number | null =>
  n === null ? null : round(n, digits)

function atMost(value: number | null, limit: number): boolean | null {
  return value === null ? null : value <= limit
}

/** The targets, met or not, from one invocation's numbers (and a baseline for regressions). */
export function buildTargets(m: Measured, baseline?: Baseline): Target[] {
  // CPU against CPU: on a shared machine the floor's wall time includes waiting for a core.
  const floorMsPerRun =
    m.floorCpuMsPerTrivialRun ?? (m.floorTrivialPerSec > 0 ? 1000 / m.floorTrivialPerSec : 0)
  const vsFloor = ratio(m.gatehouseTrivialPerSec, m.floorTrivialPerSec)
  const vsVm = ratio(m.gatehouseTrivialPerSec, m.nodeVmTrivialPerSec)
  const noCpu = m.cpuUnavailable ? `not measured: ${m.cpuUnavailable}` : undefined
  const laneVsFloor =
    m.laneMsPerTrivialRun === undefined ? null : ratio(m.laneMsPerTrivialRun, floorMsPerRun)
  const interrupt = m.interruptOvershootMs.length > 0 ? median(m.interruptOvershootMs) : null
  const watchdog = m.watchdogOvershootMs.length > 0 ? median(m.watchdogOvershootMs) : null
  const rssEnd = m.hostRssMb[String(m.stressRuns)]
  const rssFirst = m.hostRssMb['2000']
  const rssGrowth =
    m.stressRuns > 2000 && rssFirst && rssEnd !== undefined ? (rssEnd - rssFirst) / rssFirst : null

  const targets: Target[] = [
    {
      name: 'trivial throughput vs the floor',
      value: shown(vsFloor),
      unit: 'x',
      goal: '>= 1.0 (aim 1.5)',
      met: vsFloor === null ? null : vsFloor >= 1,
    },
    {
      name: 'trivial throughput vs node:vm',
      value: shown(vsVm),
      unit: 'x',
      goal: '>= 2',
      met: vsVm === null ? null : vsVm >= 2,
    },
    {
      name: 'idle latency p50',
      value: round(m.latencyP50Ms),
      unit: 'ms',
      goal: '<= 1',
      met: m.latencyP50Ms <= 1,
    },
    {
      name: 'lane CPU per trivial run vs the floor (CPU per run)',
      value: shown(laneVsFloor),
      unit: 'x',
      goal: noCpu ?? '<= 1.5',
      met: atMost(laneVsFloor, 1.5),
    },
    {
      name: 'main-thread CPU per trivial run',
      value: shown(m.mainMsPerTrivialRun ?? null, 3),
      unit: 'ms',
      goal: noCpu ?? '<= 0.05',
      met: m.mainMsPerTrivialRun === undefined ? null : m.mainMsPerTrivialRun <= 0.05,
    },
    {
      name: 'interrupt overshoot (median)',
      value: shown(interrupt),
      unit: 'ms',
      goal: '<= 10',
      met: interrupt !== null && interrupt <= 10,
    },
    {
      name: 'watchdog overshoot (median)',
      value: shown(watchdog),
      unit: 'ms',
      goal: '<= 300',
      met: watchdog !== null && watchdog <= 300,
    },
    {
      name: `host RSS growth, 2,000 -> ${m.stressRuns.toLocaleString('en')} runs`,
      value: rssGrowth === null ? null : round(rssGrowth * 100, 1),
      unit: '%',
      goal: rssGrowth === null ? 'not judged: the stress has no more than 2,000 runs' : '<= 10',
      met: atMost(rssGrowth, 0.1),
    },
  ]
  targets.push(...regressions(m, rssEnd, baseline))
  return targets
}

/**
 * The smallest overshoot of a few tries. A lane that waits for a core only
 * adds to an overshoot (a busy neighbour made the median swing from 0.3 to
 * 13 ms here), while a slower stop raises every try: the best try is the one
 * to compare.
 */
const best = (values: number[]): number | undefined =>
  values.length > 0 ? Math.min(...values) : undefined

/** No regression against the baseline: each within its slack of the earlier number. */
function regressions(
  m: Measured,
  rssEnd: number | undefined,
  baseline: Baseline | undefined,
): Target[] {
  const noBaseline = 'not judged: no --baseline given'
  const was = baseline ? ` (baseline ${baseline.date.slice(0, 10)}: ` : ''
  const before = {
    interrupt: baseline ? best(baseline.timeoutOvershootMs.interrupt) : undefined,
    watchdog: baseline ? best(baseline.timeoutOvershootMs.watchdog) : undefined,
    cold: baseline?.coldStartMs,
    rss:
      baseline && baseline.stress.runs === m.stressRuns
        ? baseline.stress.hostRssMb[String(m.stressRuns)]
        : undefined,
  }
  const judge = (
    name: string,
    value: number | null | undefined,
    unit: string,
    earlier: number | undefined,
    limit: (earlier: number) => number,
    missing = noBaseline,
  ): Target => {
    if (earlier === undefined || value === null || value === undefined) {
      return {
        name,
        value: value === null || value === undefined ? null : round(value),
        unit,
        goal: value === null ? 'not measured' : missing,
        met: null,
      }
    }
    const bound = limit(earlier)
    return {
      name,
      value: round(value),
      unit,
      goal: `<= ${round(bound)}${was}${round(earlier)})`,
      met: value <= bound,
    }
  }
  return [
    judge(
      'no regression: interrupt overshoot (best try)',
      best(m.interruptOvershootMs) ?? null,
      'ms',
      before.interrupt,
      (b) => b + REGRESSION_SLACK.interruptMs,
    ),
    judge(
      'no regression: watchdog overshoot (best try)',
      best(m.watchdogOvershootMs) ?? null,
      'ms',
      before.watchdog,
      (b) => b + REGRESSION_SLACK.watchdogMs,
    ),
    judge(
      'no regression: cold start',
      m.coldStartMs,
      'ms',
      before.cold,
      (b) => b * REGRESSION_SLACK.coldStartFactor,
    ),
    judge(
      `no regression: host RSS after ${m.stressRuns.toLocaleString('en')} runs`,
      rssEnd,
      'MB',
      before.rss,
      (b) => b * REGRESSION_SLACK.hostRssFactor,
      baseline ? `not judged: the baseline's stress has ${baseline.stress.runs} runs` : noBaseline,
    ),
  ]
}
