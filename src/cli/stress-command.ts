import { readFileSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { parseArgs } from 'node:util'
import type { Core } from '../engine/core-api'
import type { CoreInternals } from '../engine/create-core'
import { createCore } from '../engine/create-core'
import { forkHostSpawner } from '../engine/fork-host'
import type { Percentiles } from '../engine/stress/percentiles'
import type { StressComparisonJson } from '../engine/stress/compare-reports'
import { compareReports } from '../engine/stress/compare-reports'
import { lanesReady } from '../engine/stress/lanes-ready'
import { stressReportJson } from '../engine/stress/report-file'
import { StressComparison } from '../engine/stress/stress-comparison'
import { StressRun } from '../engine/stress/stress-run'
import type { ErrorType } from '../protocol/outcome'
import type { Settings } from '../protocol/settings'
import { defaultSettings } from '../protocol/settings'
import type { Arrival, StressPlan, StressPolicy, StressReportFull } from '../protocol/stress'
import { FAULT_KINDS, MAX_SEED, stressPlanSchema, stressPolicySchema } from '../protocol/stress'
import { describeZodError } from '../engine/validation'
import { intOption } from './options'
import { HOST_ENTRY } from './paths'
import { ProgressBar } from './progress-bar'
import { stressReportCsv } from './stress-csv'
import { UsageError } from './usage'
import { formatVerdictTable } from './verdict-table'

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
  seed?: number
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

function planOf(options: StressOptions): StressPlan {
  const plan: StressPlan = {
    code: options.code,
    runs: options.runs,
    arrival: options.arrival ?? { pattern: 'burst' },
    faults: options.faults ?? {},
  }
  if (options.language) plan.language = options.language
  if (options.runTimeoutMs !== undefined) plan.runTimeoutMs = options.runTimeoutMs
  if (options.seed !== undefined) plan.seed = options.seed
  return plan
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
  const plan = planOf(options)
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

/**
 * Runs one plan under policy A, then policy B, on a core (the same seed, so
 * run i is the same run in both), each policy applied through the settings
 * channel; the core's own settings come back at the end.
 */
export async function stressCompare(
  core: Core & { internals: CoreInternals },
  options: StressOptions,
  a: StressPolicy,
  b: StressPolicy,
): Promise<StressComparisonJson> {
  const { scheduler, gate, settings, telemetry } = core.internals
  const comparison = new StressComparison(
    {
      scheduler,
      gate,
      settings: settings.view(),
      telemetry,
      applySettings: async (change) => {
        const reply = await core.handle('settings:update', change)
        if (!reply.ok) throw new Error(reply.error.message)
      },
      lanesReady: (lanes) => lanesReady(scheduler, telemetry, lanes),
      ...(options.onProgress ? { onSettled: options.onProgress } : {}),
    },
    { plan: planOf(options), a, b },
    'cli-',
  )
  const reports = await comparison.start()
  return { ...reports, diff: compareReports(reports.a, reports.b) }
}

/** The text `gatehouse stress` and `gatehouse report` print for one report. */
export function formatReport(full: StressReportFull): string {
  const r = summarize(full)
  const errors = Object.entries(r.outcomes.error)
    .map(([type, n]) => `${type} ${n}`)
    .join(', ')
  const l = r.latencyMs
  return [
    `${r.runs} runs in ${r.wallMs} ms (${r.throughputPerSec} runs/s), seed ${full.plan.seed}`,
    `outcomes: ok ${r.outcomes.ok}${errors ? `, ${errors}` : ''}`,
    `permits: ${r.permits.max}, peak in use ${r.permits.peakInUse}, in use after ${r.permits.inUseAfter}, leaked ${r.permits.leaked}, double releases ${r.permits.doubleReleases}`,
    `waiting: peak ${r.waiting.peak}; lanes: ${r.lanes.count}, recycled ${r.lanes.recycled}, panics ${r.lanes.panics}`,
    `latency ms (p50/p95/p99): queue ${l.queue.p50}/${l.queue.p95}/${l.queue.p99}, run ${l.run.p50}/${l.run.p95}/${l.run.p99}, total ${l.total.p50}/${l.total.p95}/${l.total.p99}`,
    `audit: ${full.audit.passed ? 'PASS' : 'FAIL'} (every run has one outcome, every permit came back)`,
  ].join('\n')
}

const POLICY_KEYS: Record<string, keyof StressPolicy> = {
  permits: 'permits',
  lanes: 'lanes',
  'wait-timeout-ms': 'waitTimeoutMs',
  'timeout-ms': 'runTimeoutMs',
}

/** `permits=2,lanes=1` over the shared options: one policy of a comparison. */
export function parsePolicy(
  raw: string,
  base: Partial<StressPolicy>,
  label: 'A' | 'B',
): StressPolicy {
  const policy: Partial<StressPolicy> = { ...base }
  for (const part of raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^([a-z-]+)=(\d+)$/.exec(part)
    const key = match ? POLICY_KEYS[match[1] as string] : undefined
    if (!match || !key)
      throw new UsageError(
        `--compare policy ${label} takes KEY=NUMBER pairs (keys: ${Object.keys(POLICY_KEYS).join(', ')}), got "${part}"`,
      )
    policy[key] = Number(match[2])
  }
  if (policy.permits === undefined)
    throw new UsageError(`--compare policy ${label} needs permits=N (or give --permits for both)`)
  const checked = stressPolicySchema.safeParse(policy)
  if (!checked.success)
    throw new UsageError(`--compare policy ${label}: ${describeZodError(checked.error)}`)
  return checked.data
}

/**
 * The values of --compare: `--compare A B` (B is the word after A, when it
 * has a `=`), or `--compare A --compare B`. Returns them and the positionals
 * without B.
 */
function compareValues(tokens: ReturnType<typeof parseArgs>['tokens'] & object): {
  policies: string[]
  positionals: string[]
} {
  const policies: string[] = []
  const taken = new Set<number>()
  tokens.forEach((token, k) => {
    if (token.kind !== 'option' || token.name !== 'compare' || token.value === undefined) return
    policies.push(token.value)
    const next = tokens[k + 1]
    if (next?.kind === 'positional' && next.value.includes('=') && policies.length < 2) {
      policies.push(next.value)
      taken.add(next.index)
    }
  })
  const positionals: string[] = []
  for (const token of tokens)
    if (token.kind === 'positional' && !taken.has(token.index)) positionals.push(token.value)
  return { policies, positionals }
}

/** `gatehouse stress FILE --runs N --permits P [--compare A B]`. */
export async function stressCommand(args: string[]): Promise<number> {
  const parsed = parseArgs({
    args,
    allowPositionals: true,
    tokens: true,
    options: {
      runs: { type: 'string' },
      permits: { type: 'string' },
      lanes: { type: 'string' },
      'wait-timeout-ms': { type: 'string' },
      'timeout-ms': { type: 'string' },
      arrival: { type: 'string' },
      faults: { type: 'string' },
      seed: { type: 'string' },
      compare: { type: 'string', multiple: true },
      report: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  })
  const { values } = parsed
  const { policies, positionals } = compareValues(parsed.tokens)
  if (positionals.length !== 1)
    throw new UsageError('stress takes exactly one FILE (or - for standard input)')
  if (policies.length !== 0 && policies.length !== 2)
    throw new UsageError(
      '--compare takes two policies: --compare "permits=2,lanes=1" "permits=8,lanes=2"',
    )
  const runs = intOption('runs', values.runs)
  const permits = intOption('permits', values.permits)
  if (runs === undefined || runs < 1 || runs > 100_000) {
    throw new UsageError('--runs N is required: a whole number from 1 to 100000')
  }
  if (permits === undefined && policies.length === 0)
    throw new UsageError('--permits P is required')
  const seed = intOption('seed', values.seed)
  if (seed !== undefined && (seed < 0 || seed > MAX_SEED))
    throw new UsageError(`--seed must be a whole number from 0 to ${MAX_SEED}`)
  if (policies.length === 2 && values.report?.endsWith('.csv'))
    throw new UsageError('--report with --compare writes the comparison as JSON: give a .json file')
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
    ...(seed !== undefined ? { seed } : {}),
  }
  const checked = stressPlanSchema.safeParse({
    code,
    runs,
    arrival: options.arrival,
    faults: options.faults,
  })
  if (!checked.success) throw new UsageError(describeZodError(checked.error))

  const lanes = intOption('lanes', values.lanes)
  const waitTimeoutMs = intOption('wait-timeout-ms', values['wait-timeout-ms'])
  const runTimeoutMs = intOption('timeout-ms', values['timeout-ms'])
  const shared: Partial<StressPolicy> = {}
  if (permits !== undefined) shared.permits = permits
  if (lanes !== undefined) shared.lanes = lanes
  if (waitTimeoutMs !== undefined) shared.waitTimeoutMs = waitTimeoutMs
  if (runTimeoutMs !== undefined) shared.runTimeoutMs = runTimeoutMs

  if (policies.length === 2) {
    const defaults = defaultSettings(cpus().length)
    const base: Partial<StressPolicy> = {
      lanes: defaults.lanes,
      waitTimeoutMs: defaults.waitTimeoutMs,
      runTimeoutMs: defaults.runTimeoutMs,
      ...shared,
    }
    const a = parsePolicy(policies[0] as string, base, 'A')
    const b = parsePolicy(policies[1] as string, base, 'B')
    return compareCommand(options, a, b, values)
  }

  const settings: Partial<Settings> = { ...shared }
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
      const text = values.report.endsWith('.csv') ? stressReportCsv(full) : stressReportJson(full)
      writeFileSync(values.report, text)
    }
    const report = summarize(full)
    process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : `${formatReport(full)}\n`)
    return full.audit.passed ? 0 : 1
  } finally {
    await core.shutdown()
  }
}

/** `--compare A B`: both policies on one core, then the verdict table (or `{ a, b, diff }`). */
async function compareCommand(
  options: StressOptions,
  a: StressPolicy,
  b: StressPolicy,
  values: { json?: boolean; report?: string },
): Promise<number> {
  let core
  try {
    // The core starts with A's settings: A's first runs do not wait for a new host.
    core = await createCore({ spawnHost: forkHostSpawner(HOST_ENTRY), settings: { ...a } })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const bar = new ProgressBar(options.runs * 2)
  try {
    const result = await stressCompare(
      core,
      { ...options, onProgress: (done) => bar.update(done, done <= options.runs ? 'A' : 'B') },
      a,
      b,
    )
    bar.finish()
    if (values.report) writeFileSync(values.report, `${JSON.stringify(result, null, 2)}\n`)
    process.stdout.write(
      values.json
        ? `${JSON.stringify(result)}\n`
        : `${formatVerdictTable(result.a, result.b, result.diff)}\n`,
    )
    return result.diff.audit.a && result.diff.audit.b ? 0 : 1
  } finally {
    await core.shutdown()
  }
}
