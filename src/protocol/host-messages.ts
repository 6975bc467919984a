import type { LogEntry, Route, RunError } from './outcome'

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

/** A run as the main process hands it to the sandbox host: plain JavaScript, routed. */
export interface LaneJob {
  runId: string
  lane: number
  code: string
  /** JSON text; `undefined` input when absent. */
  input?: string
  route: Route
  limits: ResolvedLimits
  /** Fault injection: the lane's thread exits when it takes this run, as a crashed engine would. */
  crashLane?: boolean
  /** Fault injection: the run fails at once with an injected error instead of running. */
  injectedFault?: string
  /** The code has a `throw` that may throw null (see the analyzer); else a thrown null means out of memory. */
  mayThrowNull?: boolean
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
  /** Time the job spent on its lane before starting: behind the run ahead of it, or a thread restart. */
  laneWaitMs?: number
}

export type MainToHost =
  | { type: 'configure'; config: HostConfig }
  | { type: 'run'; job: LaneJob }
  | { type: 'cancel'; runId: string }
  | { type: 'ping'; seq: number }
  | { type: 'shutdown' }
  /** Fault injection: end a lane's thread, or make it hang until the watchdog takes it. */
  | { type: 'fault'; fault: 'kill-lane' | 'hang-lane'; lane: number }

export type HostToMain =
  | { type: 'ready'; pid: number }
  | { type: 'lane.ready'; lane: number }
  | { type: 'lane.recycled'; lane: number; cause: string }
  /** `planned`: replaced on purpose after a run (memory growth); otherwise the thread crashed. */
  | { type: 'lane.replaced'; lane: number; cause: string; planned: boolean }
  /** `replacing`: the lane's thread is being replaced and is not free until its next `lane.ready`. */
  | { type: 'result'; result: LaneResult; replacing?: string }
  /** The heartbeat's answer, with the host's memory as it is now. */
  | { type: 'pong'; seq: number; rssBytes: number }

/** `seq` numbers the lane's runs: writing it into the shared cancel cell stops that run and no other. */
export type HostToLane = { type: 'run'; job: LaneJob; seq: number } | { type: 'hang' }

/**
 * A lane sends a run's result as soon as it is known, then cleans up (frees
 * the context, maybe recycles the runtime) and says `idle`. `replaceLane` on
 * a result means the module failed mid-run and no `idle` follows.
 */
export type LaneToHost =
  | { type: 'ready' }
  | { type: 'result'; result: LaneResult; replaceLane?: string }
  | { type: 'idle'; recycled?: string; replaceLane?: string }
