import type { Semaphore } from '../gate/semaphore'
import type { CrashPoint } from '../protocol/host-messages'
import type {
  MatrixEvent,
  MatrixInterval,
  MatrixPathResult,
  MatrixRun,
  Overcommit,
} from '../protocol/leak-matrix'
import { MATRIX_PATHS, matrixRunPrefix } from '../protocol/leak-matrix'
import type { RunOutcome } from '../protocol/outcome'
import type { TelemetryEvent } from '../protocol/telemetry'
import type { LiveSettings } from '../engine/live-settings'
import type { Scheduler } from '../engine/scheduler'
import type { TelemetryHub } from '../engine/telemetry'
import { peakOverlap, releaseOnTimeoutDemo } from './broken-gates'
import { whenLanes } from '../engine/stress/lanes-ready'

/** What the matrix drives: the core's own scheduler, gate and telemetry. */
export interface MatrixCore {
  scheduler: Scheduler
  gate: Semaphore
  settings: LiveSettings
  telemetry: TelemetryHub
}

/** A matrix path that cannot be played now; the message says why. */
export class MatrixRefused extends Error {
  override readonly name = 'MatrixRefused'
}

/** How long the probes of paths 6, 8 and 9 may run: short, so the lesson is quick. */
const SHORT_RUN_MS = 200
/** How long a path waits for lanes replaced by the previous one to come back. */
const LANES_IDLE_TIMEOUT_MS = 30_000
/** How long path 9's scripts may wait for a permit, whatever the settings say. */
const QUEUE_WAIT_MS = 60_000
/** How long path 2's probe waits for a permit before it gives up. */
const PROBE_WAIT_MS = 300
/** A script that sleeps on a host timer until it is stopped: holds a permit without CPU. */
const HOLD_CODE = 'await new Promise((resolve) => setTimeout(resolve, 600000))'
/** A built-in that never checks for interrupts: only the watchdog stops it. */
const STUCK_CODE = 'return Array.prototype.indexOf.call({ length: 2 ** 32 - 1 }, 1)'

interface Submitted {
  run: MatrixRun
  outcome: RunOutcome
}

/**
 * Records the telemetry of the runs one path submits, in milliseconds from
 * the start of the path, from the core's unbatched tap.
 */
class PathRecorder {
  readonly startedAt = Date.now()
  readonly #events: TelemetryEvent[] = []
  readonly #untap: () => void

  constructor(telemetry: TelemetryHub) {
    this.#untap = telemetry.tap((event) => this.#events.push(event))
  }

  ms(at = Date.now()): number {
    return at - this.startedAt
  }

  stop(): void {
    this.#untap()
  }

  /** The first event of `kind` for run `id`, if any. */
  first(id: string, kind: TelemetryEvent['kind']): TelemetryEvent | undefined {
    return this.#events.find((e) => e.kind === kind && 'runId' in e && e.runId === id)
  }

  /** Turns a settled run into its record: permit times from the telemetry, lane times from the outcome. */
  record(id: string, role: MatrixRun['role'], submittedMs: number, outcome: RunOutcome): MatrixRun {
    const taken = this.first(id, 'run.admitted')
    const returned = this.first(id, 'permit.released')
    const settled = this.first(id, 'run.settled')
    const ranOnLane = outcome.lane !== undefined
    const startedMs = ranOnLane ? round(submittedMs + outcome.timing.queuedMs) : null
    const run: MatrixRun = {
      id,
      role,
      submittedMs,
      permitTakenMs: taken ? this.ms(taken.at) : null,
      startedMs,
      stoppedMs: startedMs === null ? null : round(startedMs + outcome.timing.runMs),
      permitReturnedMs: returned ? this.ms(returned.at) : null,
      settledMs: settled ? this.ms(settled.at) : this.ms(),
      outcome: outcome.status === 'ok' ? 'ok' : outcome.error.type,
    }
    if (outcome.status === 'error' && outcome.error.cause) run.cause = outcome.error.cause
    if (outcome.lane !== undefined) run.lane = outcome.lane
    return run
  }

  /** The probe's story as the telemetry tells it, with the lanes it was on. */
  story(id: string): MatrixEvent[] {
    const lanes = new Set<number>()
    let open = false
    const lines: MatrixEvent[] = []
    const say = (event: TelemetryEvent, text: string) =>
      lines.push({ atMs: this.ms(event.at), text })
    for (const event of this.#events) {
      const mine = 'runId' in event && event.runId === id
      switch (event.kind) {
        case 'run.submitted':
          if (mine) {
            open = true
            say(event, 'submitted')
          }
          break
        case 'run.queued':
          if (mine) say(event, `every permit is held: waiting in line (position ${event.position})`)
          break
        case 'run.admitted':
          if (mine) say(event, `permit taken after ${event.waitedMs} ms`)
          break
        case 'run.dispatched':
          if (mine) {
            lanes.add(event.lane)
            say(event, `sent to lane ${event.lane} (${event.route})`)
          }
          break
        case 'lane.recycled':
          if (open && lanes.has(event.lane)) say(event, `lane ${event.lane}: ${event.cause}`)
          break
        case 'panic.recovered':
          if (event.runIds.includes(id)) say(event, `panic recovered (${event.cause})`)
          break
        case 'permit.released':
          if (mine) say(event, `permit returned after ${event.heldMs} ms held`)
          break
        case 'run.settled':
          if (mine) {
            open = false
            say(
              event,
              event.status === 'ok'
                ? 'ended ok'
                : `ended: ${event.errorType ?? 'error'}${event.cause ? ` (${event.cause})` : ''}`,
            )
          }
          break
        default:
          break
      }
    }
    return lines
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10
}

/** One line saying how an outcome ended: the value for ok, the message for an error. */
function messageOf(outcome: RunOutcome): string {
  if (outcome.status === 'ok') return `returned ${JSON.stringify(outcome.value) ?? 'undefined'}`
  return outcome.error.message.split('\n')[0] ?? ''
}

/**
 * Drives the leak matrix through a real core: each path submits real runs
 * to the real scheduler (faults injected where a path needs one) and reads
 * back, from the telemetry, when each permit was taken and returned. One
 * path at a time, on an idle gate, so no other run blurs the picture.
 */
export class LeakMatrix {
  #count = 0
  #busy = false

  constructor(private readonly core: MatrixCore) {}

  /** A path is playing now. */
  get playing(): boolean {
    return this.#busy
  }

  /** Plays path `n` (1 to 9) and answers what happened. */
  async play(n: number): Promise<MatrixPathResult> {
    const path = MATRIX_PATHS.find((p) => p.n === n)
    if (!path) throw new MatrixRefused(`There is no path ${n}; the paths are 1 to 9`)
    if (this.#busy) throw new MatrixRefused('A matrix path is already playing')
    const { scheduler } = this.core
    if (scheduler.inFlight > 0)
      throw new MatrixRefused(
        `The leak matrix needs an idle gate, and ${scheduler.inFlight} runs are in flight: wait for them or stop them`,
      )
    this.#busy = true
    let recorder: PathRecorder | undefined
    try {
      // Lanes a previous path replaced must be up again before the next starts.
      await this.#lanesIdle()
      recorder = new PathRecorder(this.core.telemetry)
      const prefix = matrixRunPrefix(++this.#count, n)
      const { probe, others, overcommit } = await this.#drive(n, prefix, recorder)
      const result: MatrixPathResult = {
        n,
        name: path.name,
        outcome: probe.run.outcome,
        message: messageOf(probe.outcome),
        permitTaken: probe.run.permitTakenMs !== null,
        permitReturned: probe.run.permitReturnedMs !== null,
        events: recorder.story(probe.run.id),
        runs: [probe.run, ...others],
        startedAt: recorder.startedAt,
        tookMs: recorder.ms(),
      }
      if (probe.run.cause) result.cause = probe.run.cause
      if (overcommit) result.overcommit = overcommit
      return result
    } finally {
      recorder?.stop()
      this.#busy = false
    }
  }

  /** Plays the nine paths in order. */
  async playAll(): Promise<MatrixPathResult[]> {
    const results: MatrixPathResult[] = []
    for (const path of MATRIX_PATHS) results.push(await this.play(path.n))
    return results
  }

  /** Resolves once every lane is up and idle (checked on each lane event, not polled). */
  #lanesIdle(): Promise<void> {
    const { scheduler, telemetry } = this.core
    return whenLanes(
      scheduler,
      telemetry,
      (lanes) => lanes.every((lane) => lane.state === 'idle'),
      LANES_IDLE_TIMEOUT_MS,
      () =>
        new MatrixRefused(`The lanes were not all idle within ${LANES_IDLE_TIMEOUT_MS / 1000} s`),
    )
  }

  async #submit(
    recorder: PathRecorder,
    id: string,
    role: MatrixRun['role'],
    request: { code: string; input?: string; runTimeoutMs?: number },
    internal: { crashLane?: CrashPoint; waitTimeoutMs?: number } = {},
  ): Promise<Submitted> {
    const submittedMs = recorder.ms()
    const payload: Record<string, unknown> = { id, code: request.code, language: 'js' }
    if (request.input !== undefined) payload.input = request.input
    if (request.runTimeoutMs !== undefined) payload.limits = { runTimeoutMs: request.runTimeoutMs }
    const outcome = await this.core.scheduler.submit(payload, internal)
    return { run: recorder.record(id, role, submittedMs, outcome), outcome }
  }

  /** A run limit no longer than the settings allow (a run may ask for less, never more). */
  #short(ms: number): number {
    return Math.min(ms, this.core.settings.current().runTimeoutMs)
  }

  async #drive(
    n: number,
    prefix: string,
    recorder: PathRecorder,
  ): Promise<{ probe: Submitted; others: MatrixRun[]; overcommit?: Overcommit }> {
    const probeId = `${prefix}-probe`
    const probe = (
      request: { code: string; input?: string; runTimeoutMs?: number },
      internal?: { crashLane?: CrashPoint; waitTimeoutMs?: number },
    ) => this.#submit(recorder, probeId, 'probe', request, internal)
    switch (n) {
      case 1:
        return { probe: await probe({ code: 'return input', input: '{ not json' }), others: [] }
      case 2:
        return this.#permitWaitTimesOut(prefix, recorder, probe)
      case 3:
        return { probe: await probe({ code: 'return 6 * 7' }), others: [] }
      case 4:
        return {
          probe: await probe({ code: 'return 6 * 7' }, { crashLane: 'on-start' }),
          others: [],
        }
      case 5:
        return {
          probe: await probe(
            { code: 'await new Promise((resolve) => setTimeout(resolve, 50))\nreturn 42' },
            { crashLane: 'in-event-loop' },
          ),
          others: [],
        }
      case 6:
        return {
          probe: await probe({ code: 'while (true) {}', runTimeoutMs: this.#short(SHORT_RUN_MS) }),
          others: [],
        }
      case 7:
        return {
          probe: await probe({ code: "throw new TypeError('the user’s code throws')" }),
          others: [],
        }
      case 8:
        return { probe: await this.#laneWedged(probe), others: [] }
      default:
        return this.#releasedOnTimeout(prefix, recorder, probe)
    }
  }

  /** Path 2: holders take every permit, then the probe waits past its own wait timeout. */
  async #permitWaitTimesOut(
    prefix: string,
    recorder: PathRecorder,
    probe: (request: { code: string }, internal: { waitTimeoutMs: number }) => Promise<Submitted>,
  ): Promise<{ probe: Submitted; others: MatrixRun[] }> {
    const { gate, telemetry, scheduler } = this.core
    const permits = gate.permits
    const ids = Array.from({ length: permits }, (_, i) => `${prefix}-holder${i + 1}`)
    let admitted = 0
    const allHeld = new Promise<void>((resolve) => {
      const untap = telemetry.tap((event) => {
        if (event.kind === 'run.admitted' && ids.includes(event.runId) && ++admitted === permits) {
          untap()
          resolve()
        }
      })
    })
    const holders = ids.map((id) => this.#submit(recorder, id, 'holder', { code: HOLD_CODE }))
    await allHeld
    // The holders' own deadline is the settings' run timeout: the probe gives up well before it.
    const waitTimeoutMs = Math.max(
      1,
      Math.min(PROBE_WAIT_MS, Math.floor(this.core.settings.current().runTimeoutMs / 2)),
    )
    const result = await probe({ code: 'return 6 * 7' }, { waitTimeoutMs })
    for (const id of ids) scheduler.stop(id)
    const others = await Promise.all(holders)
    return { probe: result, others: others.map((held) => held.run) }
  }

  /** Path 8: the lane the probe will go to is wedged first; the watchdog finds out. */
  async #laneWedged(
    probe: (request: { code: string; runTimeoutMs: number }) => Promise<Submitted>,
  ): Promise<Submitted> {
    const { scheduler } = this.core
    // On an idle gate the host gives a run to the first idle lane.
    const lane = scheduler.snapshot().lanes.find((view) => view.state === 'idle')
    if (!lane) throw new MatrixRefused('No lane is idle to wedge')
    scheduler.injectFault({ kind: 'hang-lane', lane: lane.lane })
    return probe({
      code: "return 'ran on a fresh lane'",
      runTimeoutMs: this.#short(SHORT_RUN_MS * 2),
    })
  }

  /**
   * Path 9: more slow scripts than permits through Gatehouse's core (the
   * probe stuck in a built-in for the watchdog, the rest in loops for the
   * interrupt), and as many through a gate that releases at the timeout.
   */
  async #releasedOnTimeout(
    prefix: string,
    recorder: PathRecorder,
    probe: (
      request: { code: string; runTimeoutMs: number },
      internal: { waitTimeoutMs: number },
    ) => Promise<Submitted>,
  ): Promise<{ probe: Submitted; others: MatrixRun[]; overcommit: Overcommit }> {
    const permits = this.core.gate.permits
    const scripts = permits + Math.min(permits, 4)
    const runTimeoutMs = this.#short(SHORT_RUN_MS)
    // More scripts than permits wait their turn: a wait timeout of their own,
    // so a short one in the settings cannot turn the picture into rejections.
    const wait = { waitTimeoutMs: QUEUE_WAIT_MS }
    const first = probe({ code: STUCK_CODE, runTimeoutMs }, wait)
    const loads = Array.from({ length: scripts - 1 }, (_, i) =>
      this.#submit(
        recorder,
        `${prefix}-load${i + 1}`,
        'load',
        { code: 'while (true) {}', runTimeoutMs },
        wait,
      ),
    )
    const real = await Promise.all([first, ...loads])
    const broken = await releaseOnTimeoutDemo({
      permits,
      tasks: scripts,
      runTimeoutMs,
      workMs: runTimeoutMs * 3,
    })
    const intervals: MatrixInterval[] = real.map(({ run }) => ({
      id: run.id,
      permitMs: [run.permitTakenMs ?? run.submittedMs, run.permitReturnedMs ?? run.settledMs],
      runningMs: [run.startedMs ?? run.settledMs, run.stoppedMs ?? run.settledMs],
      ended: run.cause ? `${run.outcome} (${run.cause})` : run.outcome,
    }))
    const [head, ...rest] = real as [Submitted, ...Submitted[]]
    return {
      probe: head,
      others: rest.map((s) => s.run),
      overcommit: {
        permits,
        gatehouse: { peakRunning: peakOverlap(intervals.map((i) => i.runningMs)), intervals },
        releaseOnTimeout: broken,
      },
    }
  }
}
