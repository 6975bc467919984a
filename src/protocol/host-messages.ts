import type { LogEntry, Route, RunError, RunLogChunk } from './outcome'
import type { RunTrace } from './trace'

/** Where an injected lane crash happens in a run. */
export type CrashPoint = 'on-start' | 'in-event-loop'

/** The limits a lane enforces for one run, already resolved and validated. */
export interface ResolvedLimits {
  runTimeoutMs: number
  memoryMb: number
  stackKb: number
}

/** How the sandbox host builds its lanes. */
export interface HostConfig {
  lanes: number
  /** The hard WASM memory cap of each lane. */
  laneMemoryMb: number
}

/** A run as the main process hands it to the sandbox host: plain JavaScript, routed, admitted. */
export interface HostJob {
  runId: string
  code: string
  /** JSON text; `undefined` input when absent. */
  input?: string
  route: Route
  limits: ResolvedLimits
  /**
   * Fault injection: the lane's thread exits as a crashed engine would, when
   * it takes this run (`on-start`) or when the run's event loop first waits
   * for a timer (`in-event-loop`).
   */
  crashLane?: CrashPoint
  /** Fault injection: the run fails at once with an injected error instead of running. */
  injectedFault?: string
  /** The code has a `throw` that may throw null (see the analyzer); else a thrown null means out of memory. */
  mayThrowNull?: boolean
  /** Record the run's event-loop trace (see trace.ts); absent costs nothing. */
  trace?: true
  /** Stream the run's console lines while it runs (batched), not only with its result. */
  liveLogs?: boolean
}

/** A job once the host has chosen its lane. */
export interface LaneJob extends HostJob {
  lane: number
}

/** What a lane sends back: everything of a RunOutcome the lane can know. */
export interface LaneResult {
  runId: string
  lane: number
  status: 'ok' | 'error'
  /** The result as JSON text, converted inside the sandbox. */
  valueJson?: string
  error?: RunError
  logs: LogEntry[]
  droppedLogs: number
  /** The route the run finished on: a pool run that returned a promise ends on the loop. */
  route: Route
  runMs: number
  /** When the run started on its lane (epoch ms, fractional); absent when it never started. */
  startedAt?: number
  /** The run's trace, when its job asked for one and the lane lived to send it. */
  trace?: RunTrace
}

/** A run the host handed to a lane's thread (epoch ms). */
export interface DispatchReport {
  runId: string
  lane: number
  at: number
}

/**
 * The result of a run that ended without an answer from the sandbox: stopped
 * before it started, lost with its thread or its host. `lane` is -1 when it
 * never had one.
 */
export function failedLaneResult(
  job: Pick<HostJob, 'runId' | 'route'>,
  lane: number,
  error: RunError,
  runMs = 0,
): LaneResult {
  return {
    runId: job.runId,
    lane,
    status: 'error',
    error,
    logs: [],
    droppedLogs: 0,
    route: job.route,
    runMs,
  }
}

/** A run stopped before any lane started it. */
export const NOT_STARTED: RunError = {
  type: 'CancelledError',
  message: 'Stopped before it started',
}

/** A run's end as the host reports it. `replacing`: its lane's thread is being replaced. */
export interface SettledReport {
  result: LaneResult
  replacing?: string
}

/** Something that happened to a lane outside any one run's result. */
export type LaneReport =
  | { kind: 'ready'; lane: number }
  | { kind: 'recycled'; lane: number; cause: string }
  /** `planned`: replaced on purpose after a run (memory growth); otherwise the thread crashed. */
  | { kind: 'replaced'; lane: number; cause: string; planned: boolean; detail?: string }
  /** The thread stopped reading its messages while idle (hung): it gets no runs, and is replaced soon. */
  | { kind: 'unresponsive'; lane: number }

/**
 * Everything the host has to say since its last report, sent once per tick:
 * lane events first, then dispatches, then results (a run's dispatch always
 * precedes its result, in this batch or an earlier one).
 */
export interface HostReport {
  type: 'report'
  /** The host's message counters as of this report. */
  hops: HostHops
  lanes: LaneReport[]
  dispatched: DispatchReport[]
  /** Console lines of live-logging runs still running, in order; before `settled` in the same report. */
  logs?: RunLogChunk[]
  settled: SettledReport[]
}

/** Counters of the host's own hops, for the bench. */
export interface HostHops {
  /** Messages the host received from the main process, and sent to it. */
  fromMain: number
  toMain: number
  /** Messages between the host and its lanes' threads, both ways. */
  toLanes: number
  fromLanes: number
}

/** A lane thread's event-loop time so far: busy running (and cleaning up after) runs, or idle. */
export interface LaneBusy {
  activeMs: number
  idleMs: number
}

export type MainToHost =
  | { type: 'configure'; config: HostConfig }
  /** Runs admitted in the same tick, in admission order. */
  | { type: 'runs'; jobs: HostJob[] }
  | { type: 'cancel'; runId: string }
  | { type: 'ping'; seq: number }
  | { type: 'shutdown' }
  /** Fault injection: end a lane's thread, or make it hang until the watchdog takes it. */
  | { type: 'fault'; fault: 'kill-lane' | 'hang-lane'; lane: number }

export type HostToMain =
  | { type: 'ready'; pid: number }
  | HostReport
  /** The heartbeat's answer, with the host's memory and hop counters as they are now. */
  | { type: 'pong'; seq: number; rssBytes: number; hops: HostHops; lanes: LaneBusy[] }

/** `seq` numbers the lane's runs: writing it into the shared cancel cell stops that run and no other. */
export type HostToLane =
  | { type: 'run'; job: LaneJob; seq: number }
  /** Drop a run that is still waiting in the thread's queue; ignored once it has started. */
  | { type: 'cancel'; seq: number }
  | { type: 'hang' }
  /** Liveness: an idle thread reads it at once (and notes when in its status cells). */
  | { type: 'ping' }

/**
 * A lane sends each result the moment it is known, then cleans up and takes
 * its next queued run without a round trip. `replaceLane` on a result means
 * the module failed mid-run. `cleaned` reports a cleanup that recycled the
 * runtime or asks for a new thread; an ordinary cleanup says nothing.
 */
export type LaneToHost =
  | { type: 'ready' }
  | { type: 'result'; seq: number; result: LaneResult; replaceLane?: string }
  | { type: 'cleaned'; seq: number; recycled?: string; replaceLane?: string; detail?: string }
  /** A batch of a live-logging run's console lines, sent while it runs (see log-stream.ts). */
  | { type: 'logs'; seq: number; from: number; entries: LogEntry[]; dropped: number }
