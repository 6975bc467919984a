import { CancelledError, ConcurrencyError, QueueClearedError } from '../gate/errors'
import type { Permit, Semaphore } from '../gate/semaphore'
import type { FaultRequest } from '../protocol/faults'
import type { CrashPoint, HostJob, SettledReport } from '../protocol/host-messages'
import type { ErrorOutcome, RunError, RunOutcome } from '../protocol/outcome'
import type { Settings } from '../protocol/settings'
import type { AuditView, EventLoopDelayView, GateSnapshot } from '../protocol/telemetry'
import type { RouteDecision } from './analyzer'
import { buildAudit } from './audit'
import type { DispatchMirror } from './dispatch-mirror'
import type { RunSink } from './fault-injector'
import { FaultInjector } from './fault-injector'
import { InputChecker } from './input-checker'
import type { HostSupervisor } from './host-supervisor'
import type { LiveSettings } from './live-settings'
import { buildOutcome } from './outcome-builder'
import { ScriptPreparer } from './prepare-script'
import { StopSignal } from './stop-signal'
import { buildSnapshot } from './snapshot'
import { RunStats } from './stats'
import type { TelemetryHub } from './telemetry'
import { validateRunRequest } from './validation'

/** What the core itself may ask of a run, beyond what a client can. */
export interface InternalRunOptions {
  /** Fault injection (stress fault mix, leak matrix): the lane's thread dies during this run. */
  crashLane?: CrashPoint
  /** A wait timeout of its own instead of the settings' (the leak matrix's path 2). */
  waitTimeoutMs?: number
  /**
   * When the caller submitted the run (performance.now()), so the run's
   * timings share the caller's clock: a stress run's records of admission
   * and settling then line up across runs even when a pause (GC) falls
   * between the caller's reading and this method's start.
   */
  submittedAt?: number
}

interface ActiveRun {
  /** Created when the run may wait for a permit, or on the first Stop. */
  stop?: StopSignal
  permit?: Permit
  /** Handed to the host: a Stop goes there. */
  withHost: boolean
}

export interface SchedulerDeps {
  settings: LiveSettings
  gate: Semaphore
  mirror: DispatchMirror
  host: HostSupervisor
  telemetry: TelemetryHub
  /** The main process's event-loop delay, for the snapshot. */
  eventLoopDelay?: () => EventLoopDelayView
}

/** Epoch ms minus performance.now(): turns the host's epoch stamps into this process's clock. */
const EPOCH_OFFSET = performance.timeOrigin

/**
 * The run lifecycle in the main process: validate -> wait for a permit ->
 * hand to the sandbox host (which owns the choice of lane) -> outcome, with
 * the permit released in a `finally` on every path. `submit` turns anything
 * that goes wrong inside into an outcome, so every submitted run gets
 * exactly one.
 */
export class Scheduler {
  readonly #active = new Map<string, ActiveRun>()
  readonly #stats = new RunStats()
  readonly #preparer = new ScriptPreparer()
  readonly #inputs = new InputChecker()
  readonly #faults: FaultInjector
  /** Where admitted runs go: the host, or the fault injector in front of it. */
  #sink: RunSink
  /** Lifetime counts for the auditor; unlike the stats, never reset. */
  #submittedTotal = 0
  #settledTotal = 0
  #shuttingDown = false
  readonly #idleWaiters: (() => void)[] = []

  constructor(private readonly deps: SchedulerDeps) {
    this.#sink = deps.host
    this.#faults = new FaultInjector(
      deps.host,
      () => deps.mirror.count,
      (armed) => (this.#sink = armed ? this.#faults : deps.host),
    )
  }

  /** Submits a run from an untrusted client; always resolves with its one outcome, never rejects. */
  async submit(payload: unknown, internal: InternalRunOptions = {}): Promise<RunOutcome> {
    const submittedAt = internal.submittedAt ?? performance.now()
    let id = 'invalid'
    let counted = false
    let settled = false
    const settle = (outcome: RunOutcome): RunOutcome => {
      settled = true
      this.#record(outcome)
      return outcome
    }
    try {
      const settings = this.deps.settings.current()
      const validated = validateRunRequest(payload, settings)
      id = validated.ok ? validated.request.id : validated.id
      this.#stats.submitted++
      this.#submittedTotal++
      counted = true
      this.#emit({ kind: 'run.submitted', runId: id })

      if (!validated.ok)
        return settle(
          failed(id, { type: 'ValidationError', message: validated.message }, submittedAt),
        )
      if (this.#shuttingDown)
        return settle(
          failed(
            id,
            {
              type: 'ShuttingDownError',
              message: 'Gatehouse is shutting down and admits no new runs',
            },
            submittedAt,
          ),
        )
      if (this.#active.has(id))
        return settle(
          failed(
            id,
            { type: 'ValidationError', message: `A run with id ${id} is already in flight` },
            submittedAt,
          ),
        )

      const { request, limits } = validated
      if (validated.inputUnchecked) {
        const problem = await this.#inputs.check(request.input as string)
        if (problem !== undefined)
          return settle(
            failed(
              id,
              { type: 'ValidationError', message: `input is not valid JSON: ${problem}` },
              submittedAt,
            ),
          )
      }
      const prepared = this.#preparer.prepare(request.code, request.language)
      if (!prepared.ok) {
        const { ok: _, ...where } = prepared
        return settle(
          failed(id, { type: 'SyntaxError', name: 'SyntaxError', ...where }, submittedAt),
        )
      }
      const job: HostJob = {
        runId: id,
        code: prepared.code,
        route: prepared.decision.route,
        limits,
      }
      if (request.input !== undefined && request.input.trim() !== '') job.input = request.input
      if (prepared.decision.mayThrowNull) job.mayThrowNull = true
      if (request.trace) job.trace = true
      if (internal.crashLane) job.crashLane = internal.crashLane
      // Lines stream only where someone listens; otherwise they come with the outcome alone.
      if (request.liveLogs && this.deps.telemetry.listening) job.liveLogs = true

      const active: ActiveRun = { withHost: false }
      this.#active.set(id, active)
      try {
        return settle(
          await this.#admitAndRun(
            job,
            prepared.decision,
            active,
            submittedAt,
            internal.waitTimeoutMs ?? settings.waitTimeoutMs,
          ),
        )
      } finally {
        this.#active.delete(id)
        if (this.#active.size === 0) for (const wake of this.#idleWaiters.splice(0)) wake()
      }
    } catch (error) {
      // Only a bug gets here; the run still ends with an outcome that says so.
      const panic = failed(
        id,
        {
          type: 'PanicError',
          cause: 'scheduler',
          message: `Gatehouse failed while handling the run: ${error instanceof Error ? error.message : String(error)}`,
        },
        submittedAt,
      )
      if (!counted) {
        this.#stats.submitted++
        this.#submittedTotal++
      }
      if (!settled) this.#record(panic)
      return panic
    }
  }

  /** Stops a queued or running run. Returns whether a run with that id was in flight. */
  stop(id: string): boolean {
    const active = this.#active.get(id)
    if (!active) return false
    active.stop ??= new StopSignal()
    active.stop.abort()
    if (active.withHost) this.deps.host.cancel(id)
    return true
  }

  /**
   * Applies new settings. Permits and timeouts apply at once (a shrink lets
   * holders finish); a new lane count or memory cap starts a new sandbox host
   * once the runs on the old one are done, and runs wait for its lanes.
   */
  async updateSettings(next: Settings, laneMemoryMb: number): Promise<void> {
    const { settings, gate, mirror, host, telemetry } = this.deps
    settings.replace(next)
    if (next.permits !== gate.permits) {
      gate.resize(next.permits)
      this.#emit({ kind: 'gate.resized', permits: next.permits })
    }
    if (next.lanes !== mirror.count || laneMemoryMb !== host.laneMemoryMb()) {
      mirror.resize(next.lanes)
      await host.reconfigure({ lanes: next.lanes, laneMemoryMb })
    }
    telemetry.touch()
  }

  /** Applies an injected fault; says what was done, or throws a RangeError saying why not. */
  injectFault(fault: FaultRequest): string {
    return this.#faults.inject(fault)
  }

  get stats(): RunStats {
    return this.#stats
  }

  get inFlight(): number {
    return this.#active.size
  }

  /** Stops admitting; rejects the queue; waits for what runs, then stops what is left. */
  async shutdown(): Promise<void> {
    this.#shuttingDown = true
    this.deps.gate.clearQueue('Gatehouse is shutting down')
    // Running runs end by their own deadline (or the watchdog's); past that, stop them.
    const graceMs = this.deps.settings.current().runTimeoutMs + 2_000
    let timer: ReturnType<typeof setTimeout> | undefined
    const overdue = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))
    await Promise.race([this.#whenIdle(), overdue])
    clearTimeout(timer)
    for (const id of this.#active.keys()) this.stop(id)
    await this.#whenIdle()
    await this.#inputs.dispose()
  }

  snapshot(): GateSnapshot {
    const { gate, mirror, host } = this.deps
    return buildSnapshot({
      now: performance.now(),
      gate,
      active: this.#active,
      awaitingLane: mirror.awaitingLane(),
      lanes: mirror.view(),
      stats: this.#stats.view(this.#active.size),
      audit: this.audit(),
      host: { pid: host.pid ?? null, rssBytes: host.rssBytes },
      ...(this.deps.eventLoopDelay ? { eventLoopDelayMs: this.deps.eventLoopDelay() } : {}),
    })
  }

  /** Checks the invariants of docs/design.md against the gate's own counters; cheap enough to read any time. */
  audit(): AuditView {
    const { gate } = this.deps
    let holders = 0
    for (const run of this.#active.values()) if (run.permit && !run.permit.released) holders++
    return buildAudit({
      permits: gate.permits,
      inUse: gate.activeCount,
      counters: gate.counters,
      holders,
      submitted: this.#submittedTotal,
      settled: this.#settledTotal,
      inFlight: this.#active.size,
    })
  }

  #whenIdle(): Promise<void> {
    if (this.#active.size === 0) return Promise.resolve()
    return new Promise((resolve) => this.#idleWaiters.push(resolve))
  }

  #record(outcome: RunOutcome): void {
    this.#stats.record(outcome)
    this.#settledTotal++
    const { error } = outcome
    this.#emit({
      kind: 'run.settled',
      runId: outcome.id,
      status: outcome.status,
      ...(error ? { errorType: error.type } : {}),
      ...(error?.cause ? { cause: error.cause } : {}),
      totalMs: outcome.timing.totalMs,
    })
  }

  /** Telemetry never breaks a run: the hub isolates its listeners, and this guards the hub. */
  #emit(event: Parameters<TelemetryHub['emit']>[0]): void {
    try {
      this.deps.telemetry.emit(event)
    } catch {
      // A broken listener loses its event, not the run.
    }
  }

  async #admitAndRun(
    job: HostJob,
    decision: RouteDecision,
    active: ActiveRun,
    submittedAt: number,
    waitTimeoutMs: number,
  ): Promise<RunOutcome> {
    const { gate, mirror } = this.deps
    const id = job.runId
    const base = { route: decision.route, routeReason: decision.reason }

    if (gate.activeCount >= gate.permits || gate.pendingCount > 0)
      this.#emit({ kind: 'run.queued', runId: id, position: gate.pendingCount + 1 })
    let permit: Permit
    try {
      // A signal only for runs that will wait: a free permit is granted at once.
      const mayWait = gate.activeCount >= gate.permits || gate.pendingCount > 0
      if (mayWait) active.stop ??= new StopSignal()
      permit = await gate.acquire({
        ...(active.stop ? { signal: active.stop } : {}),
        timeoutMs: waitTimeoutMs,
        label: id,
      })
    } catch (error) {
      return {
        ...failed(id, admissionError(error), submittedAt, performance.now() - submittedAt),
        ...base,
      }
    }
    active.permit = permit
    try {
      this.#emit({
        kind: 'run.admitted',
        runId: id,
        waitedMs: Math.round(permit.acquiredAt - submittedAt),
      })
      if (active.stop?.aborted)
        return {
          ...failed(
            id,
            { type: 'CancelledError', message: 'Stopped before it started' },
            submittedAt,
          ),
          ...base,
        }
      mirror.admitted(id)
      active.withHost = true
      const report: SettledReport = await this.#sink.run(job)
      return buildOutcome(report.result, {
        id,
        route: decision.route,
        routeReason: decision.reason,
        submittedAt,
        admittedAt: permit.acquiredAt,
        epochOffset: EPOCH_OFFSET,
        now: performance.now(),
        ...(job.trace ? { trace: true } : {}),
      })
    } finally {
      if (permit.release())
        this.#emit({
          kind: 'permit.released',
          runId: id,
          heldMs: Math.round(performance.now() - permit.acquiredAt),
        })
    }
  }
}

function failed(id: string, error: RunError, submittedAt: number, queuedMs = 0): ErrorOutcome {
  return {
    id,
    status: 'error',
    error,
    logs: [],
    timing: { queuedMs, runMs: 0, totalMs: performance.now() - submittedAt },
  }
}

function admissionError(error: unknown): RunError {
  if (error instanceof ConcurrencyError) return { type: 'ConcurrencyError', message: error.message }
  if (error instanceof CancelledError) return { type: 'CancelledError', message: error.message }
  if (error instanceof QueueClearedError)
    return { type: 'ShuttingDownError', message: error.message }
  return {
    type: 'PanicError',
    cause: 'scheduler',
    message: error instanceof Error ? error.message : String(error),
  }
}
