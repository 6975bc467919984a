import { Worker } from 'node:worker_threads'
import type { LaneJob, LaneResult, LaneToHost } from '../protocol/host-messages'
import type { LaneWorkerData } from './lane-worker-data'
import type { RunError } from '../protocol/outcome'

/** How long past its deadline a run may go before the watchdog ends its thread. */
export const WATCHDOG_GRACE_MS = 150
/** How long a stopped run has to notice before its thread is ended. */
export const CANCEL_GRACE_MS = 250
/** V8 stack of a lane thread: QuickJS's deep recursion needs at least 4 MB. */
const LANE_STACK_MB = 8

export interface LaneListener {
  ready(lane: number): void
  /** `replacing` is set when the lane's thread is being replaced after this result. */
  result(result: LaneResult, extra: { replacing?: string }): void
  /** The runtime was recycled after a run (interrupt, out-of-memory, jobs left behind). */
  recycled(lane: number, cause: string): void
  /**
   * The thread is being replaced outside a run: `planned` after a run's
   * cleanup asked for it (memory growth), otherwise it crashed.
   */
  replaced(lane: number, cause: string, planned: boolean): void
}

/** Runs that may wait for one lane's thread (see `#pending`). */
const MAX_PENDING = 2

/** How long a lane may take to clean up after a run before its thread is replaced. */
const CLEANUP_TIMEOUT_MS = 5000

/** Longest pause before restarting a lane whose thread keeps dying before it is ready. */
const MAX_RESTART_DELAY_MS = 2000

interface Running {
  job: LaneJob
  seq: number
  startedAt: number
  timer: ReturnType<typeof setTimeout>
  /** How long the job waited on this lane behind another run or a restart. */
  waitedMs: number
  cancelTimer?: ReturnType<typeof setTimeout>
}

/**
 * The host's side of one lane: it owns the worker thread, the watchdog and
 * the cancel cell, and replaces the thread whenever it can no longer be trusted.
 */
export class Lane {
  #worker: Worker | undefined
  #cancelCell = new Int32Array(new SharedArrayBuffer(4))
  #ready = false
  #seq = 0
  #running: Running | undefined
  /**
   * Runs waiting for this lane's thread, oldest first. The main process sends
   * at most one ahead of the run it believes current; while the thread is
   * still cleaning up after that one, two can wait here.
   */
  #pending: { job: LaneJob; since: number }[] = []
  /** Between a run's result and the thread's `idle`: freeing the run's heap. */
  #cleaning: ReturnType<typeof setTimeout> | undefined
  #stopped = false
  /** Thread starts in a row that died before saying ready: restarts back off. */
  #failedStarts = 0

  constructor(
    readonly index: number,
    private readonly workerFile: string,
    private readonly laneMemoryMb: number,
    private readonly wasmModule: WebAssembly.Module,
    private readonly listener: LaneListener,
  ) {}

  start(): void {
    this.#cancelCell = new Int32Array(new SharedArrayBuffer(4))
    const workerData: LaneWorkerData = {
      lane: this.index,
      laneMemoryMb: this.laneMemoryMb,
      cancelBuffer: this.#cancelCell.buffer as SharedArrayBuffer,
      wasmModule: this.wasmModule,
    }
    const worker = new Worker(this.workerFile, {
      workerData,
      resourceLimits: { stackSizeMb: LANE_STACK_MB },
      stdout: false,
      stderr: false,
    })
    this.#worker = worker
    worker.on('message', (message: LaneToHost) => {
      if (worker !== this.#worker) return
      this.#onMessage(message)
    })
    worker.on('error', (error) => {
      if (worker !== this.#worker) return
      this.#fail('lane-abort', `The lane's thread crashed: ${error.message}`)
    })
    worker.on('exit', (code) => {
      if (worker !== this.#worker || this.#stopped) return
      this.#fail('lane-exit', `The lane's thread exited with code ${code}`)
    })
  }

  /** False when the lane already holds a run waiting behind the current one. */
  get canTake(): boolean {
    return this.#pending.length < MAX_PENDING
  }

  /**
   * Runs a job now, or right after the current run ends (the main process
   * sends one run ahead so the thread never waits for a round trip), or as
   * soon as a new thread is ready.
   */
  run(job: LaneJob): void {
    if (!this.canTake) throw new Error(`lane ${this.index} already has a run waiting`)
    if (!this.#ready || this.#running || this.#cleaning) {
      this.#pending.push({ job, since: performance.now() })
      return
    }
    this.#dispatch(job)
  }

  /** Stops the run with this id, if this lane runs it. Returns whether it did. */
  cancel(runId: string): boolean {
    const running = this.#running
    const waiting = this.#pending.findIndex((p) => p.job.runId === runId)
    if (waiting !== -1) {
      const job = (this.#pending.splice(waiting, 1)[0] as { job: LaneJob }).job
      this.listener.result(
        errorResult(job, { type: 'CancelledError', message: 'Stopped before it started' }, 0),
        {},
      )
      return true
    }
    if (!running || running.job.runId !== runId) return false
    if (running.cancelTimer) return true
    Atomics.store(this.#cancelCell, 0, running.seq)
    Atomics.notify(this.#cancelCell, 0)
    running.cancelTimer = setTimeout(() => {
      if (this.#running !== running) return
      this.#finish(
        errorResult(
          running.job,
          {
            type: 'CancelledError',
            message: 'Stopped while running; the lane did not stop in time and was replaced',
          },
          performance.now() - running.startedAt,
        ),
        'cancel-unresponsive',
      )
    }, CANCEL_GRACE_MS)
    return true
  }

  /** Fault injection: ends the thread as a crash would; the run on it ends as PanicError. */
  kill(): void {
    void this.#worker?.terminate()
  }

  /** Fault injection: the thread stops answering; the watchdog replaces it at its next run. */
  hang(): void {
    this.#worker?.postMessage({ type: 'hang' })
  }

  async stop(): Promise<void> {
    this.#stopped = true
    const worker = this.#worker
    this.#worker = undefined
    if (worker) await worker.terminate()
  }

  #dispatch(job: LaneJob, waitedMs = 0): void {
    const seq = ++this.#seq
    const startedAt = performance.now()
    const timer = setTimeout(() => {
      if (this.#running?.seq !== seq) return
      this.#finish(
        errorResult(
          job,
          {
            type: 'TimeoutError',
            cause: 'watchdog',
            message: `The run exceeded its ${job.limits.runTimeoutMs} ms limit inside a built-in that ignores interrupts; its lane was replaced`,
          },
          performance.now() - startedAt,
        ),
        'watchdog',
      )
    }, job.limits.runTimeoutMs + WATCHDOG_GRACE_MS)
    this.#running = { job, seq, startedAt, timer, waitedMs }
    this.#worker?.postMessage({ type: 'run', job, seq })
  }

  #onMessage(message: LaneToHost): void {
    if (message.type === 'ready') {
      this.#ready = true
      this.#failedStarts = 0
      this.listener.ready(this.index)
      this.#startPending()
      return
    }
    if (message.type === 'idle') {
      this.#endCleanup()
      if (message.replaceLane) {
        this.listener.replaced(
          this.index,
          message.replaceLane,
          message.replaceLane !== 'lane-abort',
        )
        this.#replace()
        return
      }
      if (message.recycled) this.listener.recycled(this.index, message.recycled)
      this.#startPending()
      return
    }
    const running = this.#running
    if (!running || running.job.runId !== message.result.runId) return
    this.#finish(message.result, message.replaceLane)
  }

  #endCleanup(): void {
    if (this.#cleaning) clearTimeout(this.#cleaning)
    this.#cleaning = undefined
  }

  /**
   * Ends the current run with `result`; replaces the thread when
   * `replaceCause` is given, else waits for the thread's cleanup.
   */
  #finish(result: LaneResult, replaceCause?: string): void {
    const running = this.#running
    if (running) {
      clearTimeout(running.timer)
      if (running.cancelTimer) clearTimeout(running.cancelTimer)
    }
    this.#running = undefined
    if (running && running.waitedMs > 0) result.laneWaitMs = running.waitedMs
    const extra: { replacing?: string } = {}
    if (replaceCause) {
      extra.replacing = replaceCause
      this.#replace()
    } else {
      this.#cleaning = setTimeout(() => {
        this.listener.replaced(this.index, 'cleanup-stuck', false)
        this.#replace()
      }, CLEANUP_TIMEOUT_MS)
    }
    this.listener.result(result, extra)
  }

  #startPending(): void {
    if (!this.#ready || this.#running || this.#cleaning) return
    const next = this.#pending.shift()
    if (next) this.#dispatch(next.job, performance.now() - next.since)
  }

  /** A crash of the thread: the run it held (if any) ends as PanicError, and the thread is replaced. */
  #fail(cause: 'lane-abort' | 'lane-exit', message: string): void {
    const running = this.#running
    if (running) {
      this.#finish(
        errorResult(
          running.job,
          { type: 'PanicError', cause, message },
          performance.now() - running.startedAt,
        ),
        cause,
      )
      return
    }
    this.listener.replaced(this.index, cause, false)
    this.#replace()
    // A job waiting for a thread that keeps dying at start must still get its outcome.
    if (this.#failedStarts >= 3) {
      for (const { job } of this.#pending.splice(0)) {
        this.listener.result(errorResult(job, { type: 'PanicError', cause, message }, 0), {})
      }
    }
  }

  #replace(): void {
    this.#endCleanup()
    const old = this.#worker
    this.#worker = undefined
    void old?.terminate()
    if (this.#stopped) return
    if (!this.#ready) this.#failedStarts++
    this.#ready = false
    const delayMs =
      this.#failedStarts === 0 ? 0 : Math.min(MAX_RESTART_DELAY_MS, 25 * 2 ** this.#failedStarts)
    if (delayMs === 0) this.start()
    else setTimeout(() => this.#stopped || this.start(), delayMs).unref()
  }
}

function errorResult(job: LaneJob, error: RunError, runMs: number): LaneResult {
  return {
    runId: job.runId,
    lane: job.lane,
    status: 'error',
    error,
    logs: [],
    droppedLogs: 0,
    route: job.route,
    runMs,
  }
}
