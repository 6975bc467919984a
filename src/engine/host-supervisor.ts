import type { HostConfig, HostToMain, LaneJob, LaneResult } from '../protocol/host-messages'
import type { HostProcess, HostSpawner } from './host-process'

/** How often the host is pinged, and how many missed answers make it unresponsive. */
export interface HeartbeatOptions {
  intervalMs: number
  missedBeats: number
}

export const DEFAULT_HEARTBEAT: HeartbeatOptions = { intervalMs: 1000, missedBeats: 5 }
const MAX_RESTART_DELAY_MS = 5000

export type LaneSignal =
  | { kind: 'ready'; lane: number }
  | { kind: 'replaced'; lane: number; cause: string; planned: boolean }
  | { kind: 'recycled'; lane: number; cause: string }
  | {
      kind: 'host-lost'
      cause: 'host-exit' | 'host-unresponsive'
      detail: string
      runIds: string[]
    }
  | { kind: 'host-started'; pid: number | undefined }

export interface ResultExtra {
  replacing?: string
}

interface InFlight {
  resolve: (result: LaneResult, extra: ResultExtra) => void
  job: LaneJob
}

/**
 * Keeps one sandbox host process alive: starts it, watches its heartbeat,
 * and when it dies ends every run it held as PanicError and starts another,
 * backing off when it keeps crashing.
 */
export class HostSupervisor {
  #process: HostProcess | undefined
  #inFlight = new Map<string, InFlight>()
  #heartbeat: ReturnType<typeof setInterval> | undefined
  #lastPong = 0
  #pingSeq = 0
  #rssBytes = 0
  readonly #memoryWaiters = new Map<number, (rssBytes: number) => void>()
  #crashesInRow = 0
  #stopped = false
  #restartTimer: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly spawn: HostSpawner,
    private config: HostConfig,
    private readonly onSignal: (signal: LaneSignal) => void,
    private readonly heartbeat: HeartbeatOptions = DEFAULT_HEARTBEAT,
  ) {}

  start(): void {
    const child = this.spawn()
    this.#process = child
    this.#lastPong = Date.now()
    child.onMessage((message) => {
      if (child === this.#process) this.#onMessage(message)
    })
    child.onExit((code, signal) => {
      if (child !== this.#process) return
      this.#lost('host-exit', `The sandbox host exited (${signal ?? `code ${code}`})`)
    })
    child.postMessage({ type: 'configure', config: this.config })
    this.#heartbeat = setInterval(() => this.#beat(), this.heartbeat.intervalMs)
    this.#heartbeat.unref?.()
  }

  get pid(): number | undefined {
    return this.#process?.pid
  }

  /** Runs a job on its lane; resolves with the lane's result or a PanicError if the host dies. */
  run(job: LaneJob): Promise<{ result: LaneResult; extra: ResultExtra }> {
    return new Promise((resolve) => {
      this.#inFlight.set(job.runId, { job, resolve: (result, extra) => resolve({ result, extra }) })
      this.#process?.postMessage({ type: 'run', job })
    })
  }

  cancel(runId: string): void {
    if (this.#inFlight.has(runId)) this.#process?.postMessage({ type: 'cancel', runId })
  }

  /** The host's resident memory at its last heartbeat (bytes; 0 before the first). */
  get rssBytes(): number {
    return this.#rssBytes
  }

  /** Asks the host for its resident memory now; undefined if it does not answer within 2 s. */
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
      this.#process?.postMessage({ type: 'ping', seq })
    })
  }

  /** Fault injection: ends or hangs one lane's thread. */
  injectLaneFault(fault: 'kill-lane' | 'hang-lane', lane: number): void {
    this.#process?.postMessage({ type: 'fault', fault, lane })
  }

  /** Kills the host process now (fault injection and tests). */
  kill(): void {
    this.#process?.kill()
  }

  async stop(): Promise<void> {
    this.#stopped = true
    if (this.#heartbeat) clearInterval(this.#heartbeat)
    if (this.#restartTimer) clearTimeout(this.#restartTimer)
    const child = this.#process
    this.#process = undefined
    if (child) await endGracefully(child)
  }

  /**
   * Starts a host with a new lane count or memory cap. The caller stops
   * dispatching first; runs still in flight finish on the old host.
   */
  async reconfigure(config: HostConfig): Promise<void> {
    this.config = config
    while (this.#inFlight.size > 0) await new Promise((resolve) => setTimeout(resolve, 10))
    const old = this.#process
    this.#process = undefined
    if (this.#heartbeat) clearInterval(this.#heartbeat)
    if (old) await endGracefully(old)
    if (!this.#stopped) this.start()
  }

  #onMessage(message: HostToMain): void {
    switch (message.type) {
      case 'ready':
        this.onSignal({ kind: 'host-started', pid: message.pid })
        break
      case 'lane.ready':
        this.#crashesInRow = 0
        this.onSignal({ kind: 'ready', lane: message.lane })
        break
      case 'lane.replaced':
        this.onSignal({
          kind: 'replaced',
          lane: message.lane,
          cause: message.cause,
          planned: message.planned,
        })
        break
      case 'lane.recycled':
        this.onSignal({ kind: 'recycled', lane: message.lane, cause: message.cause })
        break
      case 'result': {
        const entry = this.#inFlight.get(message.result.runId)
        if (!entry) break
        this.#inFlight.delete(message.result.runId)
        const extra: ResultExtra = {}
        if (message.replacing) extra.replacing = message.replacing
        entry.resolve(message.result, extra)
        break
      }
      case 'pong': {
        this.#lastPong = Date.now()
        this.#rssBytes = message.rssBytes
        const waiter = this.#memoryWaiters.get(message.seq)
        this.#memoryWaiters.delete(message.seq)
        waiter?.(message.rssBytes)
        break
      }
    }
  }

  #beat(): void {
    const { intervalMs, missedBeats } = this.heartbeat
    if (Date.now() - this.#lastPong > intervalMs * missedBeats) {
      this.#lost('host-unresponsive', `The sandbox host missed ${missedBeats} heartbeats`)
      return
    }
    this.#process?.postMessage({ type: 'ping', seq: ++this.#pingSeq })
  }

  #lost(cause: 'host-exit' | 'host-unresponsive', detail: string): void {
    const child = this.#process
    this.#process = undefined
    if (this.#heartbeat) clearInterval(this.#heartbeat)
    if (cause === 'host-unresponsive') child?.kill()
    const held = [...this.#inFlight.values()]
    this.#inFlight.clear()
    for (const { job, resolve } of held) {
      resolve(
        {
          runId: job.runId,
          lane: job.lane,
          status: 'error',
          error: {
            type: 'PanicError',
            cause,
            message: `${detail}; the run was lost and its permit returned`,
          },
          logs: [],
          droppedLogs: 0,
          route: job.route,
          runMs: 0,
        },
        {},
      )
    }
    this.onSignal({ kind: 'host-lost', cause, detail, runIds: held.map((h) => h.job.runId) })
    if (this.#stopped) return
    const delayMs =
      this.#crashesInRow === 0 ? 0 : Math.min(MAX_RESTART_DELAY_MS, 100 * 2 ** this.#crashesInRow)
    this.#crashesInRow++
    this.#restartTimer = setTimeout(() => {
      if (!this.#stopped) this.start()
    }, delayMs)
  }
}

/** Asks a host to shut down, and kills it if it has not gone within 2 s. */
function endGracefully(child: HostProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill()
      resolve()
    }, 2000)
    child.onExit(() => {
      clearTimeout(timer)
      resolve()
    })
    child.postMessage({ type: 'shutdown' })
  })
}
