import type { StressProgress, StressState } from './stress'
import type { ErrorType, Route, RunLogChunk } from './outcome'

/** `unresponsive`: its thread stopped reading messages while idle (hung); it is about to be replaced. */
export type LaneState = 'starting' | 'idle' | 'running' | 'recycling' | 'unresponsive'

interface EventBase {
  /** Increases by one per event, per core. */
  seq: number
  /** Epoch milliseconds. */
  at: number
}

/** Every event the core emits, discriminated by `kind`. */
export type TelemetryEvent = EventBase &
  (
    | { kind: 'run.submitted'; runId: string }
    | { kind: 'run.queued'; runId: string; position: number }
    | { kind: 'run.admitted'; runId: string; waitedMs: number }
    | { kind: 'run.dispatched'; runId: string; lane: number; route: Route }
    | {
        kind: 'run.settled'
        runId: string
        status: 'ok' | 'error'
        errorType?: ErrorType
        cause?: string
        totalMs: number
      }
    | { kind: 'permit.released'; runId: string; heldMs: number }
    | { kind: 'lane.spawned'; lane: number }
    | { kind: 'lane.recycled'; lane: number; cause: string }
    | { kind: 'panic.recovered'; cause: string; lane?: number; runIds: string[] }
    | { kind: 'gate.resized'; permits: number }
    | ({ kind: 'stress.progress' } & StressProgress)
    | { kind: 'stress.finished'; stressId: string; state: StressState; passed: boolean }
  )

export type TelemetryKind = TelemetryEvent['kind']

export interface PermitSlot {
  runId: string
  heldMs: number
}

export interface WaiterView {
  runId: string
  ageMs: number
  /** Milliseconds left before the wait ends as ConcurrencyError; null when unbounded. */
  timeoutInMs: number | null
}

export interface LaneView {
  lane: number
  state: LaneState
  runId: string | null
  /** A run sent ahead, to start the moment the current one ends. */
  nextRunId: string | null
  runs: number
}

export interface LatencyView {
  mean: number
  p50: number
  p95: number
  p99: number
  max: number
}

/** Totals since the last reset. */
export interface StatsView {
  /** Epoch milliseconds of the last reset. */
  since: number
  submitted: number
  settled: number
  /** Runs in flight now: queued, waiting for a lane or running. */
  current: number
  ok: number
  failed: number
  byError: Partial<Record<ErrorType, number>>
  pool: number
  loop: number
  timeouts: number
  panics: number
  /** Runs turned away: ValidationError, ConcurrencyError, ShuttingDownError. */
  rejections: number
  latencyMs: { queue: LatencyView; run: LatencyView; total: LatencyView }
}

/**
 * The invariant auditor's reading (DESIGN.md, "Invariants"). `leaked` counts
 * permits held by no run in flight; `runsWithoutOutcome` counts runs that are
 * neither in flight nor settled. Both must always be 0.
 */
export interface AuditView {
  permits: number
  inUse: number
  peakInUse: number
  acquired: number
  released: number
  leaked: number
  doubleReleases: number
  submitted: number
  settled: number
  inFlight: number
  runsWithoutOutcome: number
  /** True when every invariant holds. */
  healthy: boolean
}

/** How late the main process's event loop ran its timers over the last second, in ms. */
export interface EventLoopDelayView {
  p50: number
  p99: number
  max: number
}

export interface GateSnapshot {
  at: number
  permits: { total: number; inUse: number; slots: PermitSlot[] }
  /** The oldest waiters, at most 100; `waitersTotal` counts them all. */
  waiters: WaiterView[]
  waitersTotal: number
  /** Runs holding a permit but waiting for a free lane. */
  awaitingLane: string[]
  lanes: LaneView[]
  stats: StatsView
  audit: AuditView
  /** The sandbox host process: its pid and resident memory at the last heartbeat. */
  host: { pid: number | null; rssBytes: number }
  /** The main process's event-loop delay; absent where the core does not measure it. */
  eventLoopDelayMs?: EventLoopDelayView
}

/** What the renderer receives: events and the newest snapshot, coalesced. */
export interface TelemetryBatch {
  events: TelemetryEvent[]
  snapshot: GateSnapshot
  /** Events left out of this batch because there were too many since the last one. */
  droppedEvents?: number
  /** Console lines of live-logging runs since the last batch, in order per run. */
  logs?: RunLogChunk[]
}
