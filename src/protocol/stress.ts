import { z } from 'zod'
import { ERROR_TYPES } from './outcome'
import { LANGUAGES } from './request'
import { SETTING_RANGES } from './settings'

export const FAULT_KINDS = ['throw', 'loop', 'memory', 'stuck', 'crash'] as const
export type FaultKind = (typeof FAULT_KINDS)[number]

const percent = (name: string) =>
  z
    .number({ error: `faults.${name} must be a number` })
    .min(0, { error: `faults.${name} must be at least 0` })
    .max(100, { error: `faults.${name} must be at most 100` })

/** How runs arrive: all at once, spread evenly over a time, or at a fixed rate. */
export const arrivalSchema = z.discriminatedUnion(
  'pattern',
  [
    z.object({ pattern: z.literal('burst') }).strict(),
    z
      .object({
        pattern: z.literal('ramp'),
        overMs: z
          .number()
          .int()
          .min(1, { error: 'arrival.overMs must be at least 1' })
          .max(3_600_000),
      })
      .strict(),
    z
      .object({
        pattern: z.literal('rate'),
        perSecond: z
          .number()
          .min(0.1, { error: 'arrival.perSecond must be at least 0.1' })
          .max(100_000, { error: 'arrival.perSecond must be at most 100000' }),
      })
      .strict(),
  ],
  { error: 'arrival.pattern must be burst, ramp or rate' },
)

export type Arrival = z.infer<typeof arrivalSchema>

/** The largest seed: seeds are unsigned 32-bit integers. */
export const MAX_SEED = 4_294_967_295

/** A stress run as the user designs it; the gate's own settings (permits, lanes, timeouts) apply. */
export const stressPlanSchema = z
  .object({
    code: z.string({ error: 'code must be a string' }),
    language: z.enum(LANGUAGES).optional(),
    runs: z
      .number({ error: 'runs must be a number' })
      .int({ error: 'runs must be a whole number' })
      .min(1, { error: 'runs must be at least 1' })
      .max(100_000, { error: 'runs must be at most 100000' }),
    arrival: arrivalSchema.default({ pattern: 'burst' }),
    /** Percentages of runs replaced by a fault; together at most 100. */
    faults: z
      .object({
        throw: percent('throw'),
        loop: percent('loop'),
        memory: percent('memory'),
        stuck: percent('stuck'),
        crash: percent('crash'),
      })
      .partial()
      .strict()
      .default({})
      .refine((f) => Object.values(f).reduce((a, b) => a + (b ?? 0), 0) <= 100, {
        error: 'faults must add up to at most 100 percent',
      }),
    runTimeoutMs: z.number().int().min(10).max(600_000).optional(),
    /**
     * Picks which runs get which fault: the same seed gives the same plan
     * (script, input and fault of every run). Absent: the core picks one
     * and records it in the report.
     */
    seed: z
      .number({ error: 'seed must be a number' })
      .int({ error: 'seed must be a whole number' })
      .min(0, { error: 'seed must be at least 0' })
      .max(MAX_SEED, { error: `seed must be at most ${MAX_SEED}` })
      .optional(),
  })
  .strict()

export type StressPlan = z.infer<typeof stressPlanSchema>

/** `cancelling`: no more arrivals, the runs in flight are being stopped. */
export const STRESS_STATES = ['running', 'paused', 'cancelling', 'cancelled', 'done'] as const
export type StressState = (typeof STRESS_STATES)[number]

const settingInt = (name: 'permits' | 'lanes' | 'waitTimeoutMs' | 'runTimeoutMs') => {
  const { min, max } = SETTING_RANGES[name]
  return z
    .number({ error: `${name} must be a number` })
    .int({ error: `${name} must be a whole number` })
    .min(min, { error: `${name} must be at least ${min}` })
    .max(max, { error: `${name} must be at most ${max}` })
}

/** One gate configuration a comparison tries: the settings that differ between A and B. */
export const stressPolicySchema = z
  .object({
    permits: settingInt('permits'),
    lanes: settingInt('lanes'),
    waitTimeoutMs: settingInt('waitTimeoutMs'),
    runTimeoutMs: settingInt('runTimeoutMs'),
  })
  .strict()

export type StressPolicy = z.infer<typeof stressPolicySchema>

/** Two policies on one workload: the plan (its seed included) is shared, the policies differ. */
export const stressCompareRequestSchema = z
  .object({
    plan: stressPlanSchema,
    a: stressPolicySchema,
    b: stressPolicySchema,
  })
  .strict()

export type StressCompareRequest = z.infer<typeof stressCompareRequestSchema>

const ms = z.number().finite()
const count = z.number().int().min(0)
const percentilesSchema = z.object({ p50: ms, p95: ms, p99: ms })

/** One time bucket of a stress run, for the live charts. */
export const stressBucketSchema = z.object({
  /** Milliseconds since the stress started, at the bucket's end. */
  t: ms,
  /** Runs that settled in the bucket, whatever their outcome, rejected ones included. */
  completed: count,
  /**
   * Of those, runs that never got a permit (ConcurrencyError: the wait
   * timed out or the gate was full). Absent in reports before it was kept.
   */
  rejected: count.optional(),
  /** Runs that got a permit and settled, per second: rejections are not throughput. */
  throughputPerSec: ms,
  queueMs: percentilesSchema,
  runMs: percentilesSchema,
  permitsInUse: count,
  waiters: count,
  timeouts: count,
  panics: count,
})

export type StressBucket = z.infer<typeof stressBucketSchema>

export interface StressProgress {
  stressId: string
  state: StressState
  total: number
  submitted: number
  settled: number
  ok: number
  failed: number
  /** Of the settled runs, those that never got a permit (not throughput). */
  rejected?: number
  bucket?: StressBucket
}

const outcomeSchema = z.union([z.literal('ok'), z.enum(ERROR_TYPES)])

/** One run of a stress, for the permit timeline: times in ms since the stress started. */
export const stressRunRecordSchema = z.object({
  i: count,
  fault: z.enum(FAULT_KINDS).optional(),
  submittedAt: ms,
  /** When it got its permit, or null when it never did. */
  admittedAt: ms.nullable(),
  /** When it started on a lane, or null when it never ran. */
  startedAt: ms.nullable(),
  settledAt: ms,
  lane: count.nullable(),
  /** 'ok' or the error type. */
  outcome: outcomeSchema,
  cause: z.string().optional(),
})

export type StressRunRecord = z.infer<typeof stressRunRecordSchema>

export const stressAuditSchema = z.object({
  permits: count,
  peakInUse: count,
  inUseAfter: count,
  leaked: z.number().int(),
  doubleReleases: count,
  runsWithoutOutcome: z.number().int(),
  passed: z.boolean(),
})

export type StressAudit = z.infer<typeof stressAuditSchema>

/** What a report file says it is, and the newest version of it this build reads and writes. */
export const STRESS_REPORT_FORMAT = 'gatehouse-stress-report'
export const STRESS_REPORT_VERSION = 1

/** How a stress that was half of a comparison says so. */
export const stressComparisonRoleSchema = z.object({
  comparisonId: z.string(),
  role: z.enum(['a', 'b']),
  /** The two ran one after the other on one core, each with the whole machine. */
  mode: z.literal('sequential'),
  /** Why the comparison stopped early, when it did (a setting refused, lanes not ready). */
  error: z.string().optional(),
})

export type StressComparisonRole = z.infer<typeof stressComparisonRoleSchema>

/**
 * The full report: totals, the audit, the time series and every run. The
 * same JSON is the export, `gatehouse stress --report FILE.json` and a
 * saved run (docs/stress-report.md).
 */
export const stressReportSchema = z.object({
  format: z.literal(STRESS_REPORT_FORMAT),
  version: z.literal(STRESS_REPORT_VERSION),
  stressId: z.string(),
  plan: z.object({
    language: z.enum(LANGUAGES).optional(),
    runs: count,
    arrival: arrivalSchema,
    faults: z.object({
      throw: z.number().optional(),
      loop: z.number().optional(),
      memory: z.number().optional(),
      stuck: z.number().optional(),
      crash: z.number().optional(),
    }),
    runTimeoutMs: z.number().int().optional(),
    seed: z.number().int().min(0).max(MAX_SEED),
    codeBytes: count,
  }),
  settings: stressPolicySchema,
  state: z.enum(STRESS_STATES),
  /** Epoch ms. */
  startedAt: ms,
  wallMs: ms,
  submitted: count,
  outcomes: z.object({
    ok: count,
    error: z.partialRecord(z.enum(ERROR_TYPES), count),
  }),
  audit: stressAuditSchema,
  waitingPeak: count,
  lanes: z.object({ count: count, recycled: count, panics: count }),
  throughputPerSec: ms,
  latencyMs: z.object({
    queue: percentilesSchema,
    run: percentilesSchema,
    total: percentilesSchema,
  }),
  comparison: stressComparisonRoleSchema.optional(),
  series: z.array(stressBucketSchema),
  runs: z.array(stressRunRecordSchema),
})

export type StressReportFull = z.infer<typeof stressReportSchema>
