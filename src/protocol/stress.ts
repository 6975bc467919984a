import { z } from 'zod'
import type { ErrorType } from './outcome'
import { LANGUAGES } from './request'

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
  })
  .strict()

export type StressPlan = z.infer<typeof stressPlanSchema>

/** `cancelling`: no more arrivals, the runs in flight are being stopped. */
export type StressState = 'running' | 'paused' | 'cancelling' | 'cancelled' | 'done'

/** One time bucket of a stress run, for the live charts. */
export interface StressBucket {
  /** Milliseconds since the stress started, at the bucket's end. */
  t: number
  completed: number
  throughputPerSec: number
  queueMs: { p50: number; p95: number; p99: number }
  runMs: { p50: number; p95: number; p99: number }
  permitsInUse: number
  waiters: number
  timeouts: number
  panics: number
}

export interface StressProgress {
  stressId: string
  state: StressState
  total: number
  submitted: number
  settled: number
  ok: number
  failed: number
  bucket?: StressBucket
}

/** One run of a stress, for the permit timeline: times in ms since the stress started. */
export interface StressRunRecord {
  i: number
  fault?: FaultKind
  submittedAt: number
  /** When it got its permit, or null when it never did. */
  admittedAt: number | null
  /** When it started on a lane, or null when it never ran. */
  startedAt: number | null
  settledAt: number
  lane: number | null
  /** 'ok' or the error type. */
  outcome: 'ok' | ErrorType
  cause?: string
}

export interface StressAudit {
  permits: number
  peakInUse: number
  inUseAfter: number
  leaked: number
  doubleReleases: number
  runsWithoutOutcome: number
  passed: boolean
}

/** The full report: totals, the audit, the time series and every run. */
export interface StressReportFull {
  stressId: string
  plan: Omit<StressPlan, 'code'> & { codeBytes: number }
  settings: { permits: number; lanes: number; waitTimeoutMs: number; runTimeoutMs: number }
  state: StressState
  startedAt: number
  wallMs: number
  submitted: number
  outcomes: { ok: number; error: Partial<Record<ErrorType, number>> }
  audit: StressAudit
  waitingPeak: number
  lanes: { count: number; recycled: number; panics: number }
  throughputPerSec: number
  latencyMs: {
    queue: { p50: number; p95: number; p99: number }
    run: { p50: number; p95: number; p99: number }
    total: { p50: number; p95: number; p99: number }
  }
  series: StressBucket[]
  runs: StressRunRecord[]
}
