import type {
  DispatchReport,
  HostConfig,
  HostHops,
  HostJob,
  HostReport,
  HostToMain,
  LaneBusy,
  LaneReport,
  SettledReport,
} from '../protocol/host-messages'
import { failedLaneResult, NOT_STARTED } from '../protocol/host-messages'
import type { LogEntry, RunError, RunLogChunk } from '../protocol/outcome'
import type { HostProcess, HostSpawner } from './host-process'

/** How often the host is pinged, and how many missed answers make it unresponsive. */
export interface HeartbeatOptions {
  intervalMs: number
  missedBeats: number
}

export const DEFAULT_HEARTBEAT: HeartbeatOptions = { intervalMs: 1000, missedBeats: 5 }
const MAX_RESTART_DELAY_MS = 5000
/** How long an ended host has to exit after `shutdown` before it is killed. */
const SHUTDOWN_GRACE_MS = 2000

/**
 * How long past a run's dispatch its answer may take before the main process
 * gives up on it: the run ahead of it on its lane and its own run, each with
 * the watchdog's grace, the lane's cleanup, and a margin. Only a host that
 * lost a run ever meets it; the watchdog ends slow runs long before.
 */
export function backstopMs(maxRunTimeoutMs: number): number {
  return 2 * (maxRunTimeoutMs + 150) + 5000 + BACKSTOP_MARGIN_MS
}
const BACKSTOP_MARGIN_MS = 2000

/** What the supervisor tells the rest of the core. */
export interface HostListener {
  lane(report: LaneReport): void
  dispatched(report: DispatchReport, job: HostJob): void
  settled(report: SettledReport): void
  /** Console lines of a live-logging run still in flight, in order, never twice. */
  logs(chunk: RunLogChunk): void
  hostLost(cause: 'host-exit' | 'host-unresponsive', detail: string, runIds: string[]): void
  hostStarted(pid: number | undefined): void
}

interface InFlight {
  job: HostJob
  resolve: (report: SettledReport) => void
  /** performance.now() when the host reported the run on a lane. */
  dispatchedAt?: number
  /** A live-logging run's lines so far: a run lost with its lane or host keeps them. */
  streamed?: { entries: LogEntry[]; dropped: number }
}

/** The main process's side of each hop, for the bench. */
export interface MainHops {
  toHost: number
  fromHost: number
  /** The host's own counters at its last heartbeat. */
  host: HostHops | undefined
}

/**
 * Keeps one sandbox host process alive and talks to it: admitted runs go out
 * in one message per tick, and each run's promise resolves exactly once, with
 * the host's result or a PanicError when the host is lost or a run's answer
 * never comes. Runs the host had not yet put on a lane when it died are sent
 * to its replacement.
 */
export class HostSupervisor {
  #process: HostProcess | undefined
  /** The current host said `ready`: runs may go out. */
  #open = false
  readonly #inFlight = new Map<string, InFlight>()
  #outbox: HostJob[] = []
  #flushScheduled = false
  #heartbeat: ReturnType<typeof setInterval> | undefined
  #lastBeatAt = 0
  #pingSeq = 0
  #answeredSeq = 0
  /** Time the main process could have heard an answer since the host last gave one. */
  #unansweredMs = 0
  #rssBytes = 0
  #hostHops: HostHops | undefined
  #laneBusy: LaneBusy[] = []
  readonly #hops = { toHost: 0, fromHost: 0 }
  readonly #memoryWaiters = new Map<number, (rssBytes: number) => void>()
  #crashesInRow = 0
  #stopped = false
  #restartTimer: ReturnType<typeof setTimeout> | undefined
  #backstop: ReturnType<typeof setInterval> | undefined
  /** Set while lanes are rebuilt: runs wait in the outbox until the new host is ready. */
  #drained: (() => void) | undefined
  #reconfiguring = false

  constructor(
    private readonly spawn: HostSpawner,
    private config: HostConfig,
    private readonly listener: HostListener,
    private readonly heartbeat: HeartbeatOptions = DEFAULT_HEARTBEAT,
    /** The longest run timeout a run may have now; the backstop is derived from it. */
    private readonly maxRunTimeoutMs: () => number = () => 600_000,
  ) {}

  start(): void {
    const child = this.spawn()
    this.#process = child
    this.#open = false
    this.#unansweredMs = 0
    this.#answeredSeq = this.#pingSeq
    child.onMessage((message) => {
      // A retired or replaced host may still be talking: only the current one is heard.
      if (child === this.#process) this.#onMessage(message)
    })
    child.onExit((code, signal) => {
      if (child === this.#process)
        this.#lost('host-exit', `The sandbox host exited (${signal ?? `code ${code}`})`)
    })
    child.postMessage({ type: 'configure', config: this.config })
    this.#lastBeatAt = performance.now()
    this.#heartbeat = setInterval(() => this.#beat(), this.heartbeat.intervalMs)
    this.#heartbeat.unref?.()
  }

  /** The hard WASM cap of each lane of the current host. */
  laneMemoryMb(): number {
    return this.config.laneMemoryMb
  }

  get pid(): number | undefined {
    return this.#process?.pid
  }

  /** Runs in flight: sent or waiting to be sent, and not yet answered. */
  get inFlight(): number {
    return this.#inFlight.size
  }

  /** Hands an admitted run to the host; resolves once with its result, whatever happens to the host. */
  run(job: HostJob): Promise<SettledReport> {
    return new Promise((resolve) => {
      if (this.#inFlight.has(job.runId)) {
        resolve(
          lostReport(job, {
            type: 'PanicError',
            cause: 'scheduler',
            message: `Run ${job.runId} is already with the host`,
          }),
        )
        return
      }
      this.#inFlight.set(job.runId, { job, resolve })
      this.#outbox.push(job)
      this.#flushSoon()
    })
  }

  cancel(runId: string): void {
    if (!this.#inFlight.has(runId)) return
    const index = this.#outbox.findIndex((job) => job.runId === runId)
    if (index !== -1) {
      // Never sent: it ends here.
      const job = this.#outbox.splice(index, 1)[0] as HostJob
      this.#settle(lostReport(job, NOT_STARTED))
      return
    }
    this.#send({ type: 'cancel', runId })
  }

  /** The host's resident memory at its last heartbeat (bytes; 0 before the first). */
  get rssBytes(): number {
    return this.#rssBytes
  }

  /** Messages each way, counted on both sides (the host's at its last heartbeat). */
  hops(): MainHops {
    return { ...this.#hops, host: this.#hostHops }
  }

  /** Messages on each hop so far; the host's own counts as of its last report. */
  messageCounts(): {
    mainToHost: number
    hostToMain: number
    hostToLanes: number
    lanesToHost: number
  } {
    return {
      mainToHost: this.#hops.toHost,
      hostToMain: this.#hops.fromHost,
      hostToLanes: this.#hostHops?.toLanes ?? 0,
      lanesToHost: this.#hostHops?.fromLanes ?? 0,
    }
  }

  /** Each lane thread's busy and idle time at the last heartbeat. */
  laneBusy(): LaneBusy[] {
    return this.#laneBusy
  }

  /** Asks the host for its memory and counters now; undefined if it does not answer within 2 s. */
  sampleMemory(): Promise<number | undefined> {
    const seq = ++this.#pingSeq
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#memoryWaiters.delete(seq)
        resolve(undefined)
      }, 2000)
      this.#memoryWaiters.set(seq, (rss) => {
        clearTimeout(timer)
        resolve(rss)
      })
      this.#send({ type: 'ping', seq })
    })
  }

  /** Fault injection: ends or hangs one lane's thread. */
  injectLaneFault(fault: 'kill-lane' | 'hang-lane', lane: number): void {
    this.#send({ type: 'fault', fault, lane })
  }

  /** Kills the host process now (fault injection and tests). */
  kill(): void {
    this.#process?.kill()
  }

  async stop(): Promise<void> {
    this.#stopped = true
    this.#stopTimers()
    if (this.#restartTimer) clearTimeout(this.#restartTimer)
    const child = this.#process
    this.#process = undefined
    this.#open = false
    if (child) await endGracefully(child)
    // Nothing will answer the runs still held: each gets its outcome now.
    this.#failAll('host-exit', 'Gatehouse stopped the sandbox host')
  }

  /**
   * Starts a host with a new lane count or memory cap. Runs admitted
   * meanwhile wait; runs already with the old host finish there first.
   */
  async reconfigure(config: HostConfig): Promise<void> {
    this.config = config
    this.#open = false
    this.#reconfiguring = true
    try {
      if (this.#anyWithHost()) await new Promise<void>((resolve) => (this.#drained = resolve))
      this.#drained = undefined
      if (this.#restartTimer) clearTimeout(this.#restartTimer)
      const old = this.#process
      this.#process = undefined
      this.#stopTimers()
      if (old) await endGracefully(old)
      if (!this.#stopped) this.start()
    } finally {
      this.#reconfiguring = false
    }
  }

  #send(message: Parameters<HostProcess['postMessage']>[0]): void {
    if (!this.#process) return
    this.#hops.toHost++
    this.#process.postMessage(message)
  }

  /** Whether any run in flight has left the outbox for the current host. */
  #anyWithHost(): boolean {
    for (const entry of this.#inFlight.values()) if (!this.#outbox.includes(entry.job)) return true
    return false
  }

  #flushSoon(): void {
    if (this.#flushScheduled || !this.#open) return
    this.#flushScheduled = true
    setImmediate(() => {
      this.#flushScheduled = false
      if (!this.#open || this.#outbox.length === 0) return
      const jobs = this.#outbox
      this.#outbox = []
      this.#send({ type: 'runs', jobs })
    })
  }

  #onMessage(message: HostToMain): void {
    this.#hops.fromHost++
    switch (message.type) {
      case 'ready':
        this.#open = true
        this.listener.hostStarted(message.pid)
        this.#flushSoon()
        break
      case 'report':
        this.#onReport(message)
        break
      case 'pong': {
        this.#answeredSeq = Math.max(this.#answeredSeq, message.seq)
        this.#unansweredMs = 0
        this.#rssBytes = message.rssBytes
        this.#hostHops = message.hops
        this.#laneBusy = message.lanes
        const waiter = this.#memoryWaiters.get(message.seq)
        this.#memoryWaiters.delete(message.seq)
        waiter?.(message.rssBytes)
        break
      }
    }
  }

  #onReport(report: HostReport): void {
    // Any report is a sign of life.
    this.#unansweredMs = 0
    this.#hostHops = report.hops
    for (const event of report.lanes) {
      if (event.kind === 'ready') this.#crashesInRow = 0
      this.listener.lane(event)
    }
    if (report.dispatched.length > 0) {
      const now = performance.now()
      for (const event of report.dispatched) {
        const entry = this.#inFlight.get(event.runId)
        if (!entry) continue
        entry.dispatchedAt = now
        this.listener.dispatched(event, entry.job)
      }
      this.#armBackstop()
    }
    if (report.logs) for (const chunk of report.logs) this.#streamed(chunk)
    for (const settled of report.settled) this.#settle(settled)
  }

  /** Keeps a live-logging run's new lines and passes them on; a line already heard is not repeated. */
  #streamed(chunk: RunLogChunk): void {
    const entry = this.#inFlight.get(chunk.runId)
    if (!entry?.job.liveLogs) return
    const streamed = (entry.streamed ??= { entries: [], dropped: 0 })
    const have = streamed.entries.length
    if (chunk.from > have) return
    const fresh = chunk.from === have ? chunk.entries : chunk.entries.slice(have - chunk.from)
    if (fresh.length === 0 && chunk.dropped === streamed.dropped) return
    for (const line of fresh) streamed.entries.push(line)
    streamed.dropped = chunk.dropped
    this.listener.logs({ runId: chunk.runId, from: have, entries: fresh, dropped: chunk.dropped })
  }

  #settle(report: SettledReport): void {
    const entry = this.#inFlight.get(report.result.runId)
    if (!entry) return
    this.#inFlight.delete(report.result.runId)
    // A run lost with its lane or host has no log of its own: it keeps the lines it streamed.
    const streamed = entry.streamed
    if (streamed && report.result.logs.length < streamed.entries.length)
      report = {
        ...report,
        result: {
          ...report.result,
          logs: streamed.entries,
          droppedLogs: Math.max(report.result.droppedLogs, streamed.dropped),
        },
      }
    this.listener.settled(report)
    entry.resolve(report)
    if (this.#drained && !this.#anyWithHost()) this.#drained()
  }

  /**
   * The heartbeat judges the host only on time the main process was free to
   * hear it: after a stall of its own (a long validation, a GC), timers run
   * before the answers waiting in its queue are read, so each gap between
   * beats counts for at most one and a half intervals.
   */
  #beat(): void {
    const now = performance.now()
    const gap = now - this.#lastBeatAt
    this.#lastBeatAt = now
    const { intervalMs, missedBeats } = this.heartbeat
    if (this.#answeredSeq < this.#pingSeq) this.#unansweredMs += Math.min(gap, intervalMs * 1.5)
    if (this.#unansweredMs > intervalMs * missedBeats) {
      this.#lost(
        'host-unresponsive',
        `The sandbox host did not answer its heartbeat for ${Math.round(this.#unansweredMs)} ms`,
      )
      return
    }
    this.#send({ type: 'ping', seq: ++this.#pingSeq })
  }

  /** One sweep a second while runs are on lanes: a run whose answer is overdue ends as PanicError. */
  #armBackstop(): void {
    if (this.#backstop) return
    this.#backstop = setInterval(() => {
      const limit = backstopMs(this.maxRunTimeoutMs())
      const now = performance.now()
      let waiting = 0
      for (const entry of [...this.#inFlight.values()]) {
        if (entry.dispatchedAt === undefined) continue
        waiting++
        if (now - entry.dispatchedAt < limit) continue
        this.#settle(
          lostReport(entry.job, {
            type: 'PanicError',
            cause: 'host-unresponsive',
            message: `The sandbox host did not answer within ${Math.round(limit)} ms of starting the run; its permit was returned`,
          }),
        )
      }
      if (waiting === 0) {
        clearInterval(this.#backstop)
        this.#backstop = undefined
      }
    }, 1000)
    this.#backstop.unref?.()
  }

  #stopTimers(): void {
    if (this.#heartbeat) clearInterval(this.#heartbeat)
    this.#heartbeat = undefined
  }

  #failAll(cause: 'host-exit' | 'host-unresponsive', detail: string): string[] {
    const runIds: string[] = []
    for (const entry of [...this.#inFlight.values()]) {
      runIds.push(entry.job.runId)
      this.#settle(lostWithHost(entry.job, cause, detail))
    }
    this.#outbox = []
    return runIds
  }

  #lost(cause: 'host-exit' | 'host-unresponsive', detail: string): void {
    const child = this.#process
    this.#process = undefined
    this.#open = false
    this.#stopTimers()
    if (cause === 'host-unresponsive') child?.kill()
    // Runs on a lane die with the host; runs it still held in its queue go to the next host.
    const lost: string[] = []
    const resend: HostJob[] = []
    for (const entry of [...this.#inFlight.values()]) {
      if (entry.dispatchedAt !== undefined) {
        lost.push(entry.job.runId)
        this.#settle(lostWithHost(entry.job, cause, detail))
      } else if (!this.#outbox.includes(entry.job)) resend.push(entry.job)
    }
    this.#outbox = [...resend, ...this.#outbox]
    this.listener.hostLost(cause, detail, lost)
    // A rebuild in progress starts the new host itself.
    if (this.#reconfiguring) {
      this.#drained?.()
      return
    }
    if (this.#stopped) {
      this.#failAll(cause, detail)
      return
    }
    const delayMs =
      this.#crashesInRow === 0 ? 0 : Math.min(MAX_RESTART_DELAY_MS, 100 * 2 ** this.#crashesInRow)
    this.#crashesInRow++
    this.#restartTimer = setTimeout(() => {
      if (!this.#stopped) this.start()
    }, delayMs)
  }
}

function lostReport(job: HostJob, error: RunError): SettledReport {
  return { result: failedLaneResult(job, -1, error) }
}

/** A run that went down with its host. */
function lostWithHost(
  job: HostJob,
  cause: 'host-exit' | 'host-unresponsive',
  detail: string,
): SettledReport {
  return lostReport(job, {
    type: 'PanicError',
    cause,
    message: `${detail}; the run was lost and its permit returned`,
  })
}

/** Asks a host to shut down, and kills it if it has not gone within the grace. */
function endGracefully(child: HostProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill()
      resolve()
    }, SHUTDOWN_GRACE_MS)
    child.onExit(() => {
      clearTimeout(timer)
      resolve()
    })
    child.postMessage({ type: 'shutdown' })
  })
}
