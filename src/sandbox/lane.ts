import { Worker } from 'node:worker_threads'
import type {
  HostToLane,
  LaneBusy,
  LaneJob,
  LaneResult,
  LaneToHost,
} from '../protocol/host-messages'
import { failedLaneResult, NOT_STARTED } from '../protocol/host-messages'
import type { RunError, RunLogChunk } from '../protocol/outcome'
import type { LaneWorkerData } from './lane-worker-data'
import { laneStackSizeMb } from './lane-stack'
import { epochNow, LanePhase, LaneStatus } from './lane-status'
import { threadCpuMs } from './thread-cpu'

/** How long past its deadline a run may go before the watchdog ends its thread. */
export const WATCHDOG_GRACE_MS = 150
/**
 * CPU a running thread may use after its deadline before the watchdog calls it
 * stuck: JavaScript polls the interrupt every few microseconds of CPU, so a
 * thread that used this much and still runs is inside a built-in. Two of
 * /proc's 10 ms ticks.
 */
export const STUCK_CPU_MS = 20
/** How long past its grace the watchdog waits for a starved thread (one a busy machine does not schedule). */
export const STARVED_WAIT_MAX_MS = 5000
/** How long a stopped run has to notice before its thread is ended. */
export const CANCEL_GRACE_MS = 250
/** How long a lane may take to clean up after a run before its thread is replaced. */
export const CLEANUP_TIMEOUT_MS = 5000
/** How often an idle lane's thread is pinged (and its reading checked). */
export const LIVENESS_INTERVAL_MS = 500
/**
 * An idle thread that has not read a ping for this long is unresponsive: it
 * gets no new runs and shows as such. Generous, so a busy two-core machine
 * that starves a thread for a moment does not trip it.
 */
export const UNRESPONSIVE_AFTER_MS = 1500
/** An unresponsive thread that still reads nothing this long after the ping is replaced. */
export const REPLACE_UNRESPONSIVE_AFTER_MS = 3000
/**
 * V8 stack of a lane thread: sized so QuickJS's own stack limit trips first
 * for every allowed stackKb, parser recursion included (see lane-stack.ts).
 */
const LANE_STACK_MB = laneStackSizeMb()
/** Longest pause before restarting a lane whose thread keeps dying before it is ready. */
const MAX_RESTART_DELAY_MS = 2000
/** A run whose thread died before it started goes back to the queue this often, then fails. */
const MAX_REQUEUES = 2
/** How often each run went back to the queue; a job keeps its identity from lane to lane. */
const requeueCounts = new WeakMap<LaneJob, number>()

/** What a lane needs of its thread; a worker_threads Worker, or a fake in tests. */
export interface LaneThread {
  postMessage(message: HostToLane): void
  terminate(): Promise<number>
  on(event: 'message', listener: (message: LaneToHost) => void): void
  on(event: 'error', listener: (error: Error) => void): void
  on(event: 'exit', listener: (code: number) => void): void
  readonly performance: { eventLoopUtilization(): { active: number; idle: number } }
}

/** Starts a lane's thread. */
export type LaneThreadSpawner = (workerFile: string, workerData: LaneWorkerData) => LaneThread

/** The real thing: a worker thread with the V8 stack QuickJS needs. */
export const spawnWorkerThread: LaneThreadSpawner = (workerFile, workerData) =>
  new Worker(workerFile, {
    workerData,
    resourceLimits: { stackSizeMb: LANE_STACK_MB },
    stdout: false,
    stderr: false,
  })

export interface LaneListener {
  ready(lane: number): void
  /** A run ended on this lane; `replacing` is set when its thread is being replaced. */
  settled(result: LaneResult, replacing?: string): void
  /** The runtime was recycled after a run (interrupt, out-of-memory, jobs left behind). */
  recycled(lane: number, cause: string): void
  /** The thread stopped reading its messages while idle; `replaced` follows unless it reads again. */
  unresponsive(lane: number): void
  /**
   * The thread is being replaced outside a run: `planned` after a run's
   * cleanup asked for it (memory growth), otherwise it crashed or wedged.
   */
  replaced(lane: number, cause: string, planned: boolean, detail?: string): void
  /** Runs sent to a thread that is gone before they started: they go back to the queue, in order. */
  requeue(jobs: LaneJob[]): void
  /** Console lines a live-logging run sent while it runs, before its result. */
  logs(chunk: RunLogChunk): void
}

interface Sent {
  job: LaneJob
  seq: number
  /** When it became the oldest run on this lane (epoch ms). */
  headSince: number
  cancelRequested: boolean
  cancelTimer?: ReturnType<typeof setTimeout>
}

/**
 * The host's side of one lane: it owns the worker thread, the watchdog and
 * the shared status cells, and replaces the thread whenever it can no longer
 * be trusted. The host sends runs ahead (`send`); the thread runs them in
 * order. Results come back in that order, except runs stopped before they
 * started.
 */
export class Lane {
  #worker: LaneThread | undefined
  #status = new LaneStatus()
  #ready = false
  #seq = 0
  /** Runs the thread has been sent and not answered, oldest (running or next to run) first. */
  #sent: Sent[] = []
  #watchdog: ReturnType<typeof setTimeout> | undefined
  /** When the watchdog fires next (epoch ms); a run with an earlier deadline brings it forward. */
  #watchdogAt = Infinity
  #stopped = false
  /** Thread starts in a row that died before saying ready: restarts back off. */
  #failedStarts = 0
  #liveness: ReturnType<typeof setTimeout> | undefined
  /** When the unanswered ping was sent (epoch ms); 0 when none is outstanding. */
  #pingSentAt = 0
  #unresponsive = false
  /** The running thread's CPU time when its run's deadline passed, for the watchdog. */
  #cpuAtDeadline: { seq: number; cpuMs: number } | undefined

  constructor(
    readonly index: number,
    private readonly workerFile: string,
    private readonly laneMemoryMb: number,
    private readonly wasmModule: WebAssembly.Module,
    private readonly listener: LaneListener,
    private readonly spawnThread: LaneThreadSpawner = spawnWorkerThread,
    /** A thread's CPU milliseconds by its kernel id; undefined when unknown. */
    private readonly threadCpu: (tid: number) => number | undefined = threadCpuMs,
  ) {}

  start(): void {
    this.#status = new LaneStatus()
    const workerData: LaneWorkerData = {
      lane: this.index,
      laneMemoryMb: this.laneMemoryMb,
      statusBuffer: this.#status.buffer,
      wasmModule: this.wasmModule,
    }
    const worker = this.spawnThread(this.workerFile, workerData)
    this.#worker = worker
    worker.on('message', (message: LaneToHost) => {
      if (worker === this.#worker) this.#onMessage(message)
    })
    worker.on('error', (error) => {
      if (worker === this.#worker)
        this.#fail('lane-abort', `The lane's thread crashed: ${error.message}`)
    })
    worker.on('exit', (code) => {
      if (worker === this.#worker && !this.#stopped)
        this.#fail('lane-exit', `The lane's thread exited with code ${code}`)
    })
  }

  /** The thread is up and takes runs (not while it is unresponsive). */
  get ready(): boolean {
    return this.#ready && !this.#unresponsive
  }

  /** Runs sent to the thread and not answered yet. */
  get outstanding(): number {
    return this.#sent.length
  }

  /** Hands a run to the thread; it starts once the runs sent before it are done. */
  send(job: LaneJob): void {
    const seq = ++this.#seq
    this.#sent.push({ job, seq, headSince: epochNow(), cancelRequested: false })
    this.#worker?.postMessage({ type: 'run', job, seq })
    this.#watchNoLaterThan(job.limits.runTimeoutMs)
  }

  /** Stops the run with this id if this lane holds it. Returns whether it did. */
  cancel(runId: string): boolean {
    const index = this.#sent.findIndex((s) => s.job.runId === runId)
    if (index === -1) return false
    const entry = this.#sent[index] as Sent
    if (entry.cancelRequested) return true
    entry.cancelRequested = true
    // Still queued in the thread: the thread drops it before it starts.
    this.#worker?.postMessage({ type: 'cancel', seq: entry.seq })
    if (index === 0) this.#cancelRunning(entry)
    return true
  }

  /** The thread's event-loop time so far (busy running runs, or idle). */
  busy(): LaneBusy {
    const elu = this.#worker?.performance.eventLoopUtilization()
    return { activeMs: elu?.active ?? 0, idleMs: elu?.idle ?? 0 }
  }

  /** Fault injection: ends the thread as a crash would; the run on it ends as PanicError. */
  kill(): void {
    void this.#worker?.terminate()
  }

  /** Fault injection: the thread stops answering; the watchdog replaces it. */
  hang(): void {
    this.#worker?.postMessage({ type: 'hang' })
  }

  async stop(): Promise<void> {
    this.#stopped = true
    this.#clearWatchdog()
    this.#stopLiveness()
    for (const entry of this.#sent) if (entry.cancelTimer) clearTimeout(entry.cancelTimer)
    const worker = this.#worker
    this.#worker = undefined
    if (worker) await worker.terminate()
  }

  #onMessage(message: LaneToHost): void {
    switch (message.type) {
      case 'ready':
        this.#ready = true
        this.#failedStarts = 0
        this.listener.ready(this.index)
        this.#startLiveness()
        return
      case 'result': {
        const index = this.#sent.findIndex((s) => s.seq === message.seq)
        if (index === -1) return
        const entry = this.#sent.splice(index, 1)[0] as Sent
        if (entry.cancelTimer) clearTimeout(entry.cancelTimer)
        if (message.replaceLane) {
          this.listener.settled(message.result, message.replaceLane)
          this.#replace()
          return
        }
        this.listener.settled(message.result)
        if (index === 0) this.#nextHead()
        return
      }
      case 'logs': {
        const entry = this.#sent.find((s) => s.seq === message.seq)
        if (!entry) return
        const { from, entries, dropped } = message
        this.listener.logs({ runId: entry.job.runId, from, entries, dropped })
        return
      }
      case 'cleaned':
        if (message.recycled) this.listener.recycled(this.index, message.recycled)
        if (message.replaceLane) {
          this.listener.replaced(
            this.index,
            message.replaceLane,
            message.replaceLane !== 'lane-abort',
            message.detail,
          )
          this.#replace()
        }
        return
    }
  }

  /** The oldest run has changed: its wait starts now, and a Stop that came early takes effect. */
  #nextHead(): void {
    const head = this.#sent[0]
    if (!head) return
    head.headSince = epochNow()
    this.#watchNoLaterThan(head.job.limits.runTimeoutMs)
    if (head.cancelRequested) this.#cancelRunning(head)
  }

  #cancelRunning(entry: Sent): void {
    this.#status.cancel(entry.seq)
    entry.cancelTimer = setTimeout(() => {
      entry.cancelTimer = undefined
      const status = this.#status.read()
      if (this.#sent[0] !== entry || status.seq !== entry.seq || status.phase !== LanePhase.Running)
        return
      this.#endHead(
        {
          type: 'CancelledError',
          message: 'Stopped while running; the lane did not stop in time and was replaced',
        },
        'cancel-unresponsive',
      )
    }, CANCEL_GRACE_MS)
  }

  /** Makes sure the watchdog looks within `inMs`; one timer serves all the lane's runs. */
  #watchNoLaterThan(inMs: number): void {
    if (epochNow() + inMs < this.#watchdogAt) this.#armWatchdog(inMs)
  }

  #armWatchdog(inMs: number): void {
    this.#clearWatchdog()
    const delay = Math.max(1, inMs)
    this.#watchdogAt = epochNow() + delay
    this.#watchdog = setTimeout(() => this.#checkWatchdog(), delay)
    this.#watchdog.unref?.()
  }

  #clearWatchdog(): void {
    if (this.#watchdog) clearTimeout(this.#watchdog)
    this.#watchdog = undefined
    this.#watchdogAt = Infinity
  }

  /**
   * Armed while the lane holds runs; re-armed for the oldest run's own
   * deadline when it fires early. It reads the thread's phase from shared
   * memory, so a thread stuck inside a built-in is seen without its help.
   */
  #checkWatchdog(): void {
    this.#watchdog = undefined
    this.#watchdogAt = Infinity
    const head = this.#sent[0]
    if (!head || !this.#ready) return
    const status = this.#status.read()
    const now = epochNow()
    const budget = head.job.limits.runTimeoutMs + WATCHDOG_GRACE_MS
    if (status.seq === head.seq && status.phase === LanePhase.Running) {
      const deadline = status.since + head.job.limits.runTimeoutMs
      const due = deadline + WATCHDOG_GRACE_MS
      if (now < deadline) return this.#armWatchdog(deadline - now)
      if (now < due) {
        this.#noteCpuAtDeadline(head.seq)
        return this.#armWatchdog(due - now)
      }
      if (now < due + STARVED_WAIT_MAX_MS && this.#starved(head.seq))
        return this.#armWatchdog(WATCHDOG_GRACE_MS)
      this.#endHead(
        {
          type: 'TimeoutError',
          cause: 'watchdog',
          message: `The run exceeded its ${head.job.limits.runTimeoutMs} ms limit and did not stop at the interrupt (stuck inside a built-in that ignores interrupts); its lane was replaced`,
        },
        'watchdog',
        now - status.since,
      )
      return
    }
    if (status.phase === LanePhase.Cleaning) {
      const due = status.since + CLEANUP_TIMEOUT_MS
      if (now < due) return this.#armWatchdog(due - now)
      this.listener.replaced(this.index, 'cleanup-stuck', false)
      this.#replace()
      return
    }
    // The oldest run has not started: the thread is between runs, or wedged.
    const due = head.headSince + budget
    if (now < due) return this.#armWatchdog(due - now)
    this.listener.replaced(this.index, 'lane-unresponsive', false)
    this.#replace()
  }

  #noteCpuAtDeadline(seq: number): void {
    if (this.#cpuAtDeadline?.seq === seq) return
    const cpuMs = this.threadCpu(this.#status.threadId())
    this.#cpuAtDeadline = cpuMs === undefined ? undefined : { seq, cpuMs }
  }

  /**
   * A thread past its deadline and grace that has had almost no CPU since the
   * deadline was not scheduled (a busy machine), not stuck: it has had no
   * chance to see the interrupt yet. Without /proc it is never judged starved.
   */
  #starved(seq: number): boolean {
    const atDeadline = this.#cpuAtDeadline
    if (atDeadline?.seq !== seq) return false
    const cpuMs = this.threadCpu(this.#status.threadId())
    return cpuMs !== undefined && cpuMs - atDeadline.cpuMs < STUCK_CPU_MS
  }

  /** Ends the oldest run with `error` and replaces the thread; the runs behind it go back to the queue. */
  #endHead(error: RunError, cause: string, runMs = 0): void {
    const head = this.#sent.shift()
    if (!head) return
    if (head.cancelTimer) clearTimeout(head.cancelTimer)
    const result = failedLaneResult(head.job, head.job.lane, error, runMs)
    // It did start: its timing says when, as a result from the thread would.
    const status = this.#status.read()
    if (status.seq === head.seq) result.startedAt = status.since
    this.listener.settled(result, cause)
    this.#replace()
  }

  /** A crash of the thread: the run it was running (if any) ends as PanicError, and the thread is replaced. */
  #fail(cause: 'lane-abort' | 'lane-exit', message: string): void {
    const head = this.#sent[0]
    const status = this.#status.read()
    if (head && status.seq === head.seq && status.phase === LanePhase.Running) {
      this.#endHead({ type: 'PanicError', cause, message }, cause, epochNow() - status.since)
      return
    }
    this.listener.replaced(this.index, cause, false)
    if (!this.#ready) this.#failedStarts++
    this.#replace()
  }

  /**
   * Liveness of an idle thread: a thread stuck between runs (a wedged engine,
   * or the Hang fault) reads nothing, and nothing else would notice until a
   * run had waited out its whole deadline on it. Pinged twice a second; the
   * thread notes each read in the shared status, so a busy host process
   * cannot make a live thread look hung. While running or cleaning up the
   * thread reads no messages: the watchdog covers those phases.
   */
  #startLiveness(): void {
    this.#stopLiveness()
    const tick = (): void => {
      this.#liveness = setTimeout(() => {
        this.#checkLiveness()
        if (this.#liveness) tick()
      }, LIVENESS_INTERVAL_MS)
      this.#liveness.unref?.()
    }
    tick()
  }

  #stopLiveness(): void {
    if (this.#liveness) clearTimeout(this.#liveness)
    this.#liveness = undefined
    this.#pingSentAt = 0
    this.#unresponsive = false
  }

  #checkLiveness(): void {
    if (!this.#ready || !this.#worker) return
    const status = this.#status.read()
    const now = epochNow()
    if (this.#pingSentAt !== 0 && this.#status.lastReadAt() >= this.#pingSentAt) {
      this.#pingSentAt = 0
      if (this.#unresponsive) {
        // It reads again: it takes runs again.
        this.#unresponsive = false
        this.listener.ready(this.index)
      }
    }
    if (status.phase !== LanePhase.Idle) {
      this.#pingSentAt = 0
      return
    }
    if (this.#pingSentAt === 0) {
      this.#pingSentAt = now
      this.#worker.postMessage({ type: 'ping' })
      return
    }
    // Silent since the ping, or since it went idle if that was later.
    const silentMs = now - Math.max(this.#pingSentAt, status.since)
    if (silentMs >= REPLACE_UNRESPONSIVE_AFTER_MS) {
      this.listener.replaced(this.index, 'lane-unresponsive', false)
      this.#replace()
    } else if (silentMs >= UNRESPONSIVE_AFTER_MS && !this.#unresponsive) {
      this.#unresponsive = true
      this.listener.unresponsive(this.index)
    }
  }

  /** Ends the thread and starts another; runs it had not started go back to the queue. */
  #replace(): void {
    this.#clearWatchdog()
    this.#stopLiveness()
    const old = this.#worker
    this.#worker = undefined
    void old?.terminate()
    this.#ready = false
    const orphans = this.#sent.splice(0)
    const requeue: LaneJob[] = []
    for (const entry of orphans) {
      if (entry.cancelTimer) clearTimeout(entry.cancelTimer)
      const times = (requeueCounts.get(entry.job) ?? 0) + 1
      if (entry.cancelRequested || times > MAX_REQUEUES) {
        this.listener.settled(
          failedLaneResult(
            entry.job,
            entry.job.lane,
            entry.cancelRequested
              ? NOT_STARTED
              : {
                  type: 'PanicError',
                  cause: 'lane-exit',
                  message: `The run's lane failed ${MAX_REQUEUES + 1} times before the run could start`,
                },
            0,
          ),
        )
        continue
      }
      requeueCounts.set(entry.job, times)
      requeue.push(entry.job)
    }
    if (requeue.length > 0) this.listener.requeue(requeue)
    if (this.#stopped) return
    const delayMs =
      this.#failedStarts === 0 ? 0 : Math.min(MAX_RESTART_DELAY_MS, 25 * 2 ** this.#failedStarts)
    if (delayMs === 0) this.start()
    else setTimeout(() => this.#stopped || this.start(), delayMs).unref()
  }
}
