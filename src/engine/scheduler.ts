import { CancelledError, ConcurrencyError, QueueClearedError } from '../gate/errors'
import type { Permit, Semaphore } from '../gate/semaphore'
import type { LaneJob } from '../protocol/host-messages'
import type { RunError, RunOutcome } from '../protocol/outcome'
import type { Settings } from '../protocol/settings'
import type { AuditView, EventLoopDelayView, GateSnapshot } from '../protocol/telemetry'
import type { FaultRequest } from '../protocol/faults'
import type { RouteDecision } from './analyzer'
import { ScriptPreparer } from './prepare-script'
import type { HostSupervisor } from './host-supervisor'
import type { LaneBoard } from './lane-board'
import { RunStats } from './stats'
import type { TelemetryHub } from './telemetry'
import { validateRunRequest } from './validation'

/** What the core itself may ask of a run, beyond what a client can. */
export interface InternalRunOptions {
  /** Fault injection (stress fault mix): the lane's thread dies when it takes this run. */
  crashLane?: boolean
  /**
   * When the caller submitted the run (performance.now()), so the run's
   * timings share the caller's clock: a stress run's records of admission
   * and settling then line up across runs even when a pause (GC) falls
   * between the caller's reading and this method's start.
   */
  submittedAt?: number
}

interface ActiveRun {
  abort: AbortController
  crashLane: boolean
  permit?: Permit
}

export interface SchedulerDeps {
  settings: Settings
  gate: Semaphore
  lanes: LaneBoard
  host: HostSupervisor
  telemetry: TelemetryHub
  /** The main process's event-loop delay, for the snapshot. */
  eventLoopDelay?: () => EventLoopDelayView
}

/**
 * The run lifecycle: validate -> wait for a permit -> wait for a lane ->
 * run -> outcome, with the permit released in a `finally` on every path.
 * Every submitted run gets exactly one outcome.
 */
export class Scheduler {
  readonly #active = new Map<string, ActiveRun>()
  readonly #stats = new RunStats()
  readonly #preparer = new ScriptPreparer()
  /** Lifetime counts for the auditor; unlike the stats, never reset. */
  #submittedTotal = 0
  #settledTotal = 0
  #shuttingDown = false
  /** Fault injection: how many of the next runs fail at once. */
  #throwNext = 0

  constructor(private readonly deps: SchedulerDeps) {}

  /** Submits a run from an untrusted client; always resolves with its one outcome. */
  async submit(payload: unknown, internal: InternalRunOptions = {}): Promise<RunOutcome> {
    const submittedAt = internal.submittedAt ?? performance.now()
    const { telemetry } = this.deps
    const validated = validateRunRequest(payload, this.deps.settings)
    const id = validated.ok ? validated.request.id : validated.id
    this.#stats.submitted++
    this.#submittedTotal++
    telemetry.emit({ kind: 'run.submitted', runId: id })

    const settle = (outcome: RunOutcome): RunOutcome => {
      this.#stats.record(outcome)
      this.#settledTotal++
      telemetry.emit({
        kind: 'run.settled',
        runId: outcome.id,
        status: outcome.status,
        ...(outcome.error ? { errorType: outcome.error.type } : {}),
        ...(outcome.error?.cause ? { cause: outcome.error.cause } : {}),
        totalMs: outcome.timing.totalMs,
      })
      return outcome
    }
    const fail = (error: RunError, queuedMs = 0): RunOutcome => {
      const totalMs = performance.now() - submittedAt
      return settle({
        id,
        status: 'error',
        error,
        logs: [],
        timing: { queuedMs, runMs: 0, totalMs },
      })
    }

    if (!validated.ok) return fail({ type: 'ValidationError', message: validated.message })
    if (this.#shuttingDown)
      return fail({
        type: 'ShuttingDownError',
        message: 'Gatehouse is shutting down and admits no new runs',
      })
    if (this.#active.has(id))
      return fail({ type: 'ValidationError', message: `A run with id ${id} is already in flight` })

    const { request, limits } = validated
    const prepared = this.#preparer.prepare(request.code, request.language)
    if (!prepared.ok) {
      const { ok: _, ...where } = prepared
      return fail({ type: 'SyntaxError', name: 'SyntaxError', ...where })
    }
    const { code, decision } = prepared

    const active: ActiveRun = {
      abort: new AbortController(),
      crashLane: internal.crashLane === true,
    }
    this.#active.set(id, active)
    try {
      return settle(
        await this.#admitAndRun(id, code, request.input, limits, decision, active, submittedAt),
      )
    } finally {
      this.#active.delete(id)
    }
  }

  /** Stops a queued or running run. Returns whether a run with that id was in flight. */
  stop(id: string): boolean {
    const active = this.#active.get(id)
    if (!active) return false
    active.abort.abort()
    if (active.permit) this.deps.host.cancel(id)
    return true
  }

  /**
   * Applies new settings. Permits and timeouts apply at once (a shrink lets
   * holders finish); a new lane count or memory cap starts a new sandbox host
   * once the runs on the old one are done, and runs wait for its lanes.
   */
  async updateSettings(next: Settings, laneMemoryMb: number): Promise<void> {
    const { settings, gate, lanes, host, telemetry } = this.deps
    const rebuildLanes = next.lanes !== settings.lanes || next.memoryMb !== settings.memoryMb
    Object.assign(settings, next)
    if (next.permits !== gate.permits) {
      gate.resize(next.permits)
      telemetry.emit({ kind: 'gate.resized', permits: next.permits })
    }
    if (rebuildLanes) {
      lanes.resize(next.lanes)
      await host.reconfigure({ lanes: next.lanes, laneMemoryMb })
    }
    telemetry.touch()
  }

  /** Applies an injected fault; says what was done, or why not. */
  injectFault(fault: FaultRequest): string {
    const { host, lanes } = this.deps
    switch (fault.kind) {
      case 'throw-next':
        this.#throwNext += fault.count
        return `The next ${this.#throwNext} runs will throw`
      case 'kill-host':
        host.kill()
        return `Killed the sandbox host (pid ${host.pid ?? '?'})`
      case 'kill-lane':
      case 'hang-lane':
        if (fault.lane >= lanes.count)
          throw new RangeError(`There is no lane ${fault.lane}; lanes are 0 to ${lanes.count - 1}`)
        host.injectLaneFault(fault.kind, fault.lane)
        return fault.kind === 'kill-lane'
          ? `Killed lane ${fault.lane}'s thread`
          : `Lane ${fault.lane}'s thread now hangs`
    }
  }

  get stats(): RunStats {
    return this.#stats
  }

  get inFlight(): number {
    return this.#active.size
  }

  /** Stops admitting; rejects the queue; waits for what runs. */
  async shutdown(): Promise<void> {
    this.#shuttingDown = true
    this.deps.gate.clearQueue('Gatehouse is shutting down')
    this.deps.lanes.failWaiting(new QueueClearedError('Gatehouse is shutting down'))
    // Running runs end by their own deadline (or the watchdog's); past that, stop them.
    const deadline = Date.now() + this.deps.settings.runTimeoutMs + 2_000
    while (this.#active.size > 0 && Date.now() < deadline) await sleep(20)
    for (const id of this.#active.keys()) this.stop(id)
    while (this.#active.size > 0) await sleep(20)
  }

  snapshot(): GateSnapshot {
    const { gate, lanes, host } = this.deps
    const now = performance.now()
    const slots: GateSnapshot['permits']['slots'] = []
    for (const [runId, run] of this.#active) {
      if (run.permit && !run.permit.released)
        slots.push({ runId, heldMs: Math.round(now - run.permit.acquiredAt) })
    }
    return {
      at: Date.now(),
      permits: { total: gate.permits, inUse: gate.activeCount, slots },
      // The oldest waiters only: a stress can queue 100,000, and a snapshot goes out 30 times a second.
      waitersTotal: gate.pendingCount,
      waiters: gate.waiters(MAX_WAITERS_IN_SNAPSHOT).map((w) => ({
        runId: w.label ?? '?',
        ageMs: Math.round(now - w.since),
        timeoutInMs: w.deadline === null ? null : Math.max(0, Math.round(w.deadline - now)),
      })),
      awaitingLane: lanes.awaitingLane(),
      lanes: lanes.view(),
      stats: this.#stats.view(this.#active.size),
      audit: this.audit(),
      host: { pid: host.pid ?? null, rssBytes: host.rssBytes },
      ...(this.deps.eventLoopDelay ? { eventLoopDelayMs: this.deps.eventLoopDelay() } : {}),
    }
  }

  /** Checks the invariants of DESIGN.md against the gate's own counters; cheap enough to read any time. */
  audit(): AuditView {
    const { gate } = this.deps
    const counters = gate.counters
    let holders = 0
    for (const run of this.#active.values()) if (run.permit && !run.permit.released) holders++
    const leaked = gate.activeCount - holders
    const inFlight = this.#active.size
    const runsWithoutOutcome = this.#submittedTotal - this.#settledTotal - inFlight
    return {
      permits: gate.permits,
      inUse: gate.activeCount,
      peakInUse: counters.peakInUse,
      acquired: counters.acquired,
      released: counters.released,
      leaked,
      doubleReleases: counters.doubleReleases,
      submitted: this.#submittedTotal,
      settled: this.#settledTotal,
      inFlight,
      runsWithoutOutcome,
      healthy:
        leaked === 0 &&
        counters.doubleReleases === 0 &&
        runsWithoutOutcome === 0 &&
        counters.acquired - counters.released === gate.activeCount,
    }
  }

  async #admitAndRun(
    id: string,
    code: string,
    input: string | undefined,
    limits: LaneJob['limits'],
    decision: RouteDecision,
    active: ActiveRun,
    submittedAt: number,
  ): Promise<RunOutcome> {
    const { gate, lanes, host, telemetry, settings } = this.deps
    const signal = active.abort.signal
    const base = { id, logs: [], route: decision.route, routeReason: decision.reason }
    const failed = (error: RunError, queuedMs: number, runMs = 0): RunOutcome => ({
      ...base,
      status: 'error',
      error,
      timing: { queuedMs, runMs, totalMs: performance.now() - submittedAt },
    })

    if (gate.activeCount >= gate.permits || gate.pendingCount > 0) {
      telemetry.emit({ kind: 'run.queued', runId: id, position: gate.pendingCount + 1 })
    }
    let permit: Permit
    try {
      permit = await gate.acquire({ signal, timeoutMs: settings.waitTimeoutMs, label: id })
    } catch (error) {
      return failed(admissionError(error), performance.now() - submittedAt)
    }
    active.permit = permit
    try {
      telemetry.emit({
        kind: 'run.admitted',
        runId: id,
        waitedMs: Math.round(permit.acquiredAt - submittedAt),
      })
      let lane: number
      try {
        lane = await lanes.claim(id, signal)
      } catch (error) {
        return failed(admissionError(error), performance.now() - submittedAt)
      }
      const queuedMs = performance.now() - submittedAt
      telemetry.emit({ kind: 'run.dispatched', runId: id, lane, route: decision.route })
      const job: LaneJob = { runId: id, lane, code, route: decision.route, limits }
      if (decision.mayThrowNull) job.mayThrowNull = true
      if (active.crashLane) job.crashLane = true
      if (this.#throwNext > 0) {
        this.#throwNext--
        job.injectedFault = `Injected fault: this run was made to throw (${this.#throwNext} more to come)`
      }
      const trimmedInput = input?.trim() ? input : undefined
      if (trimmedInput !== undefined) job.input = trimmedInput
      const { result, extra } = await host.run(job)
      // After a lost host the board no longer holds this run, and ignores the release.
      const hostLost =
        result.error?.cause === 'host-exit' || result.error?.cause === 'host-unresponsive'
      lanes.release(lane, id, extra.replacing !== undefined)
      if (extra.replacing)
        telemetry.emit({
          kind: 'lane.recycled',
          lane,
          cause: `thread replaced: ${extra.replacing}`,
        })
      if (!hostLost && (result.error?.type === 'PanicError' || extra.replacing === 'lane-abort')) {
        telemetry.emit({
          kind: 'panic.recovered',
          cause: result.error?.cause ?? extra.replacing ?? 'unknown',
          lane,
          runIds: [id],
        })
      }

      let value: unknown
      if (result.valueJson !== undefined) {
        try {
          value = JSON.parse(result.valueJson)
        } catch (error) {
          // Only a sandbox that broke its own serializer gets here.
          result.status = 'error'
          result.error = {
            type: 'ResultError',
            message: `The result was not valid JSON: ${(error as Error).message}`,
          }
        }
      }
      const routeReason =
        result.route !== decision.route
          ? `${decision.reason}; it returned a promise, so it continued on the event loop`
          : decision.reason
      const outcome: RunOutcome = {
        id,
        status: result.status,
        logs: result.logs,
        route: result.route,
        routeReason,
        lane,
        timing: {
          queuedMs: queuedMs + (result.laneWaitMs ?? 0),
          runMs: result.runMs,
          totalMs: performance.now() - submittedAt,
          permitWaitMs: permit.acquiredAt - submittedAt,
        },
      }
      if (result.droppedLogs > 0) outcome.droppedLogs = result.droppedLogs
      if (result.error) outcome.error = result.error
      else if (value !== undefined) outcome.value = value
      return outcome
    } finally {
      if (permit.release())
        telemetry.emit({
          kind: 'permit.released',
          runId: id,
          heldMs: Math.round(performance.now() - permit.acquiredAt),
        })
    }
  }
}

/** Waiters listed in a snapshot; `waitersTotal` counts them all. */
const MAX_WAITERS_IN_SNAPSHOT = 100

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

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
