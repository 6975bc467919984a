import { readFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import type { Core } from '../engine/core-api'
import type { CoreInternals } from '../engine/create-core'
import { createCore } from '../engine/create-core'
import { forkHostSpawner } from '../engine/fork-host'
import type { Percentiles } from '../engine/stress/percentiles'
import { StressRun } from '../engine/stress/stress-run'
import type { ErrorType } from '../protocol/outcome'
import type { Settings } from '../protocol/settings'
import type { Arrival, StressPlan, StressReportFull } from '../protocol/stress'
import { FAULT_KINDS, stressPlanSchema } from '../protocol/stress'
import { describeZodError } from '../engine/validation'
import { intOption } from './options'
import { HOST_ENTRY } from './paths'
import { ProgressBar } from './progress-bar'
import { stressReportCsv } from './stress-csv'
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
  arrival?: Arrival
  faults?: StressPlan['faults']
  onProgress?: (done: number) => void
}

/** The CLI's summary of a full stress report. */
export function summarize(full: StressReportFull): StressReport {
  return {
    runs: full.plan.runs,
    outcomes: full.outcomes,
    permits: {
      max: full.audit.permits,
      peakInUse: full.audit.peakInUse,
      inUseAfter: full.audit.inUseAfter,
      leaked: full.audit.leaked,
      doubleReleases: full.audit.doubleReleases,
    },
    waiting: { peak: full.waitingPeak },
    lanes: full.lanes,
    runsWithoutOutcome: full.audit.runsWithoutOutcome,
    wallMs: full.wallMs,
    throughputPerSec: full.throughputPerSec,
    latencyMs: full.latencyMs,
  }
}

/**
 * Runs a stress on a core: `runs` runs of one script (run i gets `input = { i }`),
 * arriving as the plan says, with faults mixed in; then audits the gate.
 */
export async function stressFull(
  core: Core & { internals: CoreInternals },
  options: StressOptions,
): Promise<StressReportFull> {
  const { scheduler, gate, settings, telemetry } = core.internals
  const plan: StressPlan = {
    code: options.code,
    runs: options.runs,
    arrival: options.arrival ?? { pattern: 'burst' },
    faults: options.faults ?? {},
  }
  if (options.language) plan.language = options.language
  if (options.runTimeoutMs !== undefined) plan.runTimeoutMs = options.runTimeoutMs
  const run = new StressRun(
    {
      scheduler,
      gate,
      settings: settings.current(),
      telemetry,
      lanes: settings.current().lanes,
      ...(options.onProgress ? { onSettled: options.onProgress } : {}),
    },
    plan,
    'cli',
  )
  return run.start()
}

export async function stress(
  core: Core & { internals: CoreInternals },
  options: StressOptions,
): Promise<StressReport> {
  return summarize(await stressFull(core, options))
}

function parseArrival(raw: string | undefined): Arrival {
  if (raw === undefined || raw === 'burst') return { pattern: 'burst' }
  const ramp = /^ramp:(\d+)$/.exec(raw)
  if (ramp) return { pattern: 'ramp', overMs: Number(ramp[1]) }
  const rate = /^rate:(\d+(?:\.\d+)?)$/.exec(raw)
  if (rate) return { pattern: 'rate', perSecond: Number(rate[1]) }
  throw new UsageError(`--arrival must be burst, ramp:MS or rate:PER_SECOND, got "${raw}"`)
}

function parseFaults(raw: string | undefined): StressPlan['faults'] {
  const faults: StressPlan['faults'] = {}
  for (const part of (raw ?? '').split(',').filter(Boolean)) {
    const [kind, value] = part.split('=')
    if (
      !(FAULT_KINDS as readonly string[]).includes(kind ?? '') ||
      !/^\d+(\.\d+)?$/.test(value ?? '')
    ) {
      throw new UsageError(
        `--faults takes KIND=PERCENT pairs (kinds: ${FAULT_KINDS.join(', ')}), got "${part}"`,
      )
    }
    faults[kind as keyof StressPlan['faults']] = Number(value)
  }
  return faults
}

function formatReport(r: StressReport, passed: boolean): string {
  const errors = Object.entries(r.outcomes.error)
    .map(([type, n]) => `${type} ${n}`)
    .join(', ')
  const l = r.latencyMs
  return [
    `${r.runs} runs in ${r.wallMs} ms (${r.throughputPerSec} runs/s)`,
    `outcomes: ok ${r.outcomes.ok}${errors ? `, ${errors}` : ''}`,
    `permits: ${r.permits.max}, peak in use ${r.permits.peakInUse}, in use after ${r.permits.inUseAfter}, leaked ${r.permits.leaked}, double releases ${r.permits.doubleReleases}`,
    `waiting: peak ${r.waiting.peak}; lanes: ${r.lanes.count}, recycled ${r.lanes.recycled}, panics ${r.lanes.panics}`,
    `latency ms (p50/p95/p99): queue ${l.queue.p50}/${l.queue.p95}/${l.queue.p99}, run ${l.run.p50}/${l.run.p95}/${l.run.p99}, total ${l.total.p50}/${l.total.p95}/${l.total.p99}`,
    `audit: ${passed ? 'PASS' : 'FAIL'} (every run has one outcome, every permit came back)`,
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
      arrival: { type: 'string' },
      faults: { type: 'string' },
      report: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  })
  if (positionals.length !== 1)
    throw new UsageError('stress takes exactly one FILE (or - for standard input)')
  const runs = intOption('runs', values.runs)
  const permits = intOption('permits', values.permits)
  if (runs === undefined || runs < 1 || runs > 100_000) {
    throw new UsageError('--runs N is required: a whole number from 1 to 100000')
  }
  if (permits === undefined) throw new UsageError('--permits P is required')
  const file = positionals[0] as string
  let code: string
  try {
    code = readFileSync(file === '-' ? 0 : file, 'utf8')
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`)
  }
  const options: StressOptions = {
    code,
    runs,
    language: file.endsWith('.ts') ? 'ts' : 'js',
    arrival: parseArrival(values.arrival),
    faults: parseFaults(values.faults),
  }
  const checked = stressPlanSchema.safeParse({
    code,
    runs,
    arrival: options.arrival,
    faults: options.faults,
  })
  if (!checked.success) throw new UsageError(describeZodError(checked.error))

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
    const full = await stressFull(core, { ...options, onProgress: (done) => bar.update(done, '') })
    bar.finish()
    if (values.report) {
      const text = values.report.endsWith('.csv')
        ? stressReportCsv(full)
        : `${JSON.stringify(full, null, 2)}\n`
      writeFileSync(values.report, text)
    }
    const report = summarize(full)
    process.stdout.write(
      values.json ? `${JSON.stringify(report)}\n` : `${formatReport(report, full.audit.passed)}\n`,
    )
    return full.audit.passed ? 0 : 1
  } finally {
    await core.shutdown()
  }
}
