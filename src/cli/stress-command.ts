import { readFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import type { Core } from '../engine/core-api'
import type { CoreInternals } from '../engine/create-core'
import { createCore } from '../engine/create-core'
import { forkHostSpawner } from '../engine/fork-host'
import type { ErrorType, RunOutcome } from '../protocol/outcome'
import type { Settings } from '../protocol/settings'
import { intOption } from './options'
import { HOST_ENTRY } from './paths'
import type { Percentiles } from './percentiles'
import { percentiles } from './percentiles'
import { ProgressBar } from './progress-bar'
import { UsageError } from './usage'

/** What `gatehouse stress --json` prints: the shape is part of the CLI's contract. */
export interface StressReport {
  runs: number
  outcomes: { ok: number; error: Partial<Record<ErrorType, number>> }
  permits: {
    max: number
    peakInUse: number
    inUseAfter: number
    leaked: number
    doubleReleases: number
  }
  waiting: { peak: number }
  lanes: { count: number; recycled: number; panics: number }
  /** Runs that got no outcome, or more than one: always 0. */
  runsWithoutOutcome: number
  wallMs: number
  throughputPerSec: number
  latencyMs: { queue: Percentiles; run: Percentiles; total: Percentiles }
}

export interface StressOptions {
  code: string
  runs: number
  language?: 'js' | 'ts'
  runTimeoutMs?: number
  onProgress?: (done: number, outcomes: RunOutcome[]) => void
}

/**
 * Submits `runs` runs at once (run i gets `input = { i }`), waits for every
 * outcome, and audits the gate afterwards.
 */
export async function stress(
  core: Core & { internals: CoreInternals },
  options: StressOptions,
): Promise<StressReport> {
  let recycled = 0
  let panics = 0
  const unsubscribe = core.onTelemetry((batch) => {
    for (const event of batch.events) {
      if (event.kind === 'lane.recycled') recycled++
      else if (event.kind === 'panic.recovered') panics++
    }
  })
  const outcomes: RunOutcome[] = new Array(options.runs)
  const seen = new Uint8Array(options.runs)
  let done = 0
  const started = performance.now()
  const limits =
    options.runTimeoutMs === undefined ? undefined : { runTimeoutMs: options.runTimeoutMs }
  await Promise.all(
    Array.from({ length: options.runs }, async (_, i) => {
      const reply = await core.handle('run:submit', {
        id: `stress-${i}`,
        code: options.code,
        input: JSON.stringify({ i }),
        ...(options.language ? { language: options.language } : {}),
        ...(limits ? { limits } : {}),
      })
      if (!reply.ok) throw new Error(reply.error.message)
      seen[i] = (seen[i] ?? 0) + 1
      outcomes[i] = reply.value
      done++
      options.onProgress?.(done, outcomes)
    }),
  )
  const wallMs = performance.now() - started
  // Let the last telemetry batch (recycles, panics) arrive.
  await new Promise((resolve) => setTimeout(resolve, 60))
  unsubscribe()

  const audit = core.internals.scheduler.audit()
  const counters = core.internals.gate.counters
  const errors: Partial<Record<ErrorType, number>> = {}
  let ok = 0
  for (const outcome of outcomes) {
    if (outcome.status === 'ok') ok++
    else if (outcome.error) errors[outcome.error.type] = (errors[outcome.error.type] ?? 0) + 1
  }
  const ran = outcomes.filter((o) => o.lane !== undefined)
  return {
    runs: options.runs,
    outcomes: { ok, error: errors },
    permits: {
      max: audit.permits,
      peakInUse: audit.peakInUse,
      inUseAfter: audit.inUse,
      leaked: audit.leaked,
      doubleReleases: audit.doubleReleases,
    },
    waiting: { peak: counters.peakPending },
    lanes: { count: core.internals.settings.lanes, recycled, panics },
    runsWithoutOutcome:
      seen.reduce((n, count) => n + (count === 1 ? 0 : 1), 0) + audit.runsWithoutOutcome,
    wallMs: Math.round(wallMs),
    throughputPerSec: Math.round((options.runs / wallMs) * 1000 * 10) / 10,
    latencyMs: {
      queue: percentiles(ran.map((o) => o.timing.queuedMs)),
      run: percentiles(ran.map((o) => o.timing.runMs)),
      total: percentiles(outcomes.map((o) => o.timing.totalMs)),
    },
  }
}

function formatReport(r: StressReport): string {
  const errors = Object.entries(r.outcomes.error)
    .map(([type, n]) => `${type} ${n}`)
    .join(', ')
  const audit =
    r.permits.leaked === 0 &&
    r.permits.doubleReleases === 0 &&
    r.runsWithoutOutcome === 0 &&
    r.permits.inUseAfter === 0
  const l = r.latencyMs
  return [
    `${r.runs} runs in ${r.wallMs} ms (${r.throughputPerSec} runs/s)`,
    `outcomes: ok ${r.outcomes.ok}${errors ? `, ${errors}` : ''}`,
    `permits: ${r.permits.max}, peak in use ${r.permits.peakInUse}, in use after ${r.permits.inUseAfter}, leaked ${r.permits.leaked}, double releases ${r.permits.doubleReleases}`,
    `waiting: peak ${r.waiting.peak}; lanes: ${r.lanes.count}, recycled ${r.lanes.recycled}, panics ${r.lanes.panics}`,
    `latency ms (p50/p95/p99): queue ${l.queue.p50}/${l.queue.p95}/${l.queue.p99}, run ${l.run.p50}/${l.run.p95}/${l.run.p99}, total ${l.total.p50}/${l.total.p95}/${l.total.p99}`,
    `audit: ${audit ? 'PASS' : 'FAIL'} (every run has one outcome, every permit came back)`,
  ].join('\n')
}

/** `gatehouse stress FILE --runs N --permits P`. */
export async function stressCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      runs: { type: 'string' },
      permits: { type: 'string' },
      lanes: { type: 'string' },
      'wait-timeout-ms': { type: 'string' },
      'timeout-ms': { type: 'string' },
      report: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  })
  if (positionals.length !== 1)
    throw new UsageError('stress takes exactly one FILE (or - for standard input)')
  const runs = intOption('runs', values.runs)
  const permits = intOption('permits', values.permits)
  if (runs === undefined || runs < 1 || runs > 1_000_000)
    throw new UsageError('--runs N is required: a whole number from 1 to 1000000')
  if (permits === undefined) throw new UsageError('--permits P is required')
  const file = positionals[0] as string
  let code: string
  try {
    code = readFileSync(file === '-' ? 0 : file, 'utf8')
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`)
  }
  const settings: Partial<Settings> = { permits }
  const lanes = intOption('lanes', values.lanes)
  const waitTimeoutMs = intOption('wait-timeout-ms', values['wait-timeout-ms'])
  const runTimeoutMs = intOption('timeout-ms', values['timeout-ms'])
  if (lanes !== undefined) settings.lanes = lanes
  if (waitTimeoutMs !== undefined) settings.waitTimeoutMs = waitTimeoutMs
  if (runTimeoutMs !== undefined) settings.runTimeoutMs = runTimeoutMs

  let core
  try {
    core = await createCore({ spawnHost: forkHostSpawner(HOST_ENTRY), settings })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const bar = new ProgressBar(runs)
  try {
    let failed = 0
    const report = await stress(core, {
      code,
      runs,
      language: file.endsWith('.ts') ? 'ts' : 'js',
      onProgress: (done, outcomes) => {
        const last = outcomes.find((o, i) => i === done - 1)
        if (last?.status === 'error') failed++
        bar.update(done, `failed ${failed}`)
      },
    })
    bar.finish()
    if (values.report) writeFileSync(values.report, `${JSON.stringify(report, null, 2)}\n`)
    process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : `${formatReport(report)}\n`)
    const healthy =
      report.permits.leaked === 0 &&
      report.permits.doubleReleases === 0 &&
      report.runsWithoutOutcome === 0
    return healthy ? 0 : 1
  } finally {
    await core.shutdown()
  }
}
