import { CancelledError, ConcurrencyError, QueueClearedError } from './errors'
import type { Linked } from './waiter-queue'
import { WaiterQueue } from './waiter-queue'

/** Proof of holding one permit. Only this handle can give it back. */
export interface Permit {
  /** Gives the permit back. Safe to call twice: only the first call counts. Returns whether this call released it. */
  release(): boolean
  readonly released: boolean
  /** When the permit was granted (performance.now() milliseconds). */
  readonly acquiredAt: number
}

/**
 * What `acquire` needs of a cancellation signal: an AbortSignal fits, and so
 * does a lighter object of the caller's own.
 */
export interface CancelSignal {
  readonly aborted: boolean
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void
  removeEventListener(type: 'abort', listener: () => void): void
}

export interface AcquireOptions {
  /** Leaves the queue with CancelledError when this fires. */
  signal?: CancelSignal
  /** Gives up with ConcurrencyError after waiting this long; 0 fails at once when no permit is free. Absent: wait forever. */
  timeoutMs?: number
  /** Who waits, for views of the queue. */
  label?: string
}

export interface WaiterInfo {
  label: string | undefined
  /** performance.now() milliseconds when the wait began. */
  since: number
  /** performance.now() milliseconds when the wait times out, or null. */
  deadline: number | null
}

/** Running totals for the invariant auditor. */
export interface SemaphoreCounters {
  acquired: number
  released: number
  /** release() calls on a permit already released: harmless, but counted. */
  doubleReleases: number
  peakInUse: number
  /** The longest the queue has been. */
  peakPending: number
}

interface Waiter extends Linked {
  info: WaiterInfo
  grant: (permit: Permit) => void
  fail: (error: Error) => void
}

const now = (): number => performance.now()

function checkPermitCount(permits: unknown): asserts permits is number {
  if (typeof permits !== 'number' || !Number.isInteger(permits) || permits < 1) {
    throw new TypeError(
      `Expected \`permits\` to be a whole number from 1 and up, got ${String(permits)}`,
    )
  }
}

/**
 * A counting semaphore with a FIFO queue, wait timeouts, abort signals and a
 * permit count that can change while it is in use.
 *
 * The only correct use is acquire + try/finally:
 *
 * ```ts
 * const permit = await gate.acquire({ timeoutMs: 10_000 })
 * try {
 *   await work()
 * } finally {
 *   permit.release()
 * }
 * ```
 */
export class Semaphore {
  #permits: number
  #inUse = 0
  readonly #queue = new WaiterQueue<Waiter>()
  readonly #counters: SemaphoreCounters = {
    acquired: 0,
    released: 0,
    doubleReleases: 0,
    peakInUse: 0,
    peakPending: 0,
  }

  constructor(permits: number) {
    checkPermitCount(permits)
    this.#permits = permits
  }

  /** The permit count. */
  get permits(): number {
    return this.#permits
  }

  /** Permits held right now. Can exceed `permits` briefly after a shrink, until holders finish. */
  get activeCount(): number {
    return this.#inUse
  }

  /** Waiters in the queue. */
  get pendingCount(): number {
    return this.#queue.length
  }

  get counters(): Readonly<SemaphoreCounters> {
    return { ...this.#counters }
  }

  /** Starts the peak counters over from now (a stress run reports its own peaks). */
  resetPeaks(): void {
    this.#counters.peakInUse = this.#inUse
    this.#counters.peakPending = this.#queue.length
  }

  /** The queue, oldest first; at most `limit` of them. */
  waiters(limit = Number.POSITIVE_INFINITY): WaiterInfo[] {
    const out: WaiterInfo[] = []
    for (const w of this.#queue) {
      if (out.length >= limit) break
      out.push({ ...w.info })
    }
    return out
  }

  /**
   * Changes the permit count. Growing admits waiters at once; shrinking lets
   * current holders finish and admits no one until the count is under the new limit.
   */
  resize(permits: number): void {
    checkPermitCount(permits)
    this.#permits = permits
    this.#drain()
  }

  /**
   * Waits for a permit, first come first served.
   * @throws ConcurrencyError when `timeoutMs` passes first (its message says how long it waited)
   * @throws CancelledError when `signal` fires first
   * @throws QueueClearedError when {@link clearQueue} runs first
   */
  acquire(options: AcquireOptions = {}): Promise<Permit> {
    const { signal, timeoutMs, label } = options
    if (
      timeoutMs !== undefined &&
      (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs < 0)
    ) {
      return Promise.reject(
        new TypeError(
          `Expected \`timeoutMs\` to be a finite number from 0 and up, got ${String(timeoutMs)}`,
        ),
      )
    }
    if (signal?.aborted)
      return Promise.reject(new CancelledError('Cancelled before a permit was requested'))
    if (this.#inUse < this.#permits && this.#queue.length === 0)
      return Promise.resolve(this.#grant())
    if (timeoutMs === 0) {
      return Promise.reject(
        new ConcurrencyError(
          `No permit free: all ${this.#permits} in use and wait timeout is 0 ms (waited 0 ms)`,
          0,
        ),
      )
    }

    return new Promise<Permit>((resolve, reject) => {
      const since = now()
      let timer: ReturnType<typeof setTimeout> | undefined
      const info: WaiterInfo = {
        label,
        since,
        deadline: timeoutMs === undefined ? null : since + timeoutMs,
      }
      const cleanup = (): void => {
        if (timer !== undefined) clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
      }
      const waiter: Waiter = {
        info,
        grant: (permit) => {
          cleanup()
          resolve(permit)
        },
        fail: (error) => {
          cleanup()
          reject(error)
        },
      }
      const leave = (error: Error): void => {
        if (this.#queue.remove(waiter)) waiter.fail(error)
      }
      const onAbort = (): void => {
        leave(
          new CancelledError(
            `Cancelled after waiting ${Math.round(now() - since)} ms for a permit`,
          ),
        )
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          const waitedMs = Math.round(now() - since)
          leave(
            new ConcurrencyError(
              `No permit within ${timeoutMs} ms (waited ${waitedMs} ms; ${this.#inUse} of ${this.#permits} in use, ${this.#queue.length - 1} others waiting)`,
              waitedMs,
            ),
          )
        }, timeoutMs)
      }
      this.#queue.push(waiter)
      if (this.#queue.length > this.#counters.peakPending)
        this.#counters.peakPending = this.#queue.length
    })
  }

  /** Rejects every waiter with QueueClearedError (used at shutdown). Holders are not affected. */
  clearQueue(message = 'The queue was cleared'): void {
    for (const waiter of this.#queue.drain()) waiter.fail(new QueueClearedError(message))
  }

  #grant(): Permit {
    this.#inUse++
    this.#counters.acquired++
    if (this.#inUse > this.#counters.peakInUse) this.#counters.peakInUse = this.#inUse
    let released = false
    const acquiredAt = now()
    return {
      acquiredAt,
      get released() {
        return released
      },
      release: () => {
        if (released) {
          this.#counters.doubleReleases++
          return false
        }
        released = true
        this.#inUse--
        this.#counters.released++
        this.#drain()
        return true
      },
    }
  }

  #drain(): void {
    while (this.#inUse < this.#permits && this.#queue.length > 0) {
      const waiter = this.#queue.shift() as Waiter
      waiter.grant(this.#grant())
    }
  }
}
