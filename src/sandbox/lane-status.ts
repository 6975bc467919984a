/**
 * A lane thread's status, shared with the host through one SharedArrayBuffer
 * so the host's watchdog can see what the thread is doing without asking it
 * (a thread stuck inside a built-in cannot answer).
 *
 * Int32 cells: 0 the seq of the run to stop (written by the host), 1 the seq
 * of the run the thread took last, 2 its phase, 3 its kernel thread id (0
 * where the platform has none; see thread-cpu.ts). Float64 cell 2 (bytes 16-23):
 * when that phase began, epoch milliseconds; Float64 cell 3 (bytes 24-31):
 * when the thread last read a message, so the host can tell a thread that is
 * idle from one that stopped reading (hung) without a round trip.
 */
export const enum LanePhase {
  Idle = 0,
  Running = 1,
  Cleaning = 2,
}

const BYTES = 32

export class LaneStatus {
  readonly #ints: Int32Array
  readonly #since: Float64Array
  readonly #readAt: Float64Array

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(BYTES)) {
    this.#ints = new Int32Array(buffer, 0, 4)
    this.#since = new Float64Array(buffer, 16, 1)
    this.#readAt = new Float64Array(buffer, 24, 1)
  }

  /** The thread's kernel id, written once by the thread, for reading its CPU time. */
  setThreadId(tid: number): void {
    Atomics.store(this.#ints, 3, tid)
  }

  threadId(): number {
    return Atomics.load(this.#ints, 3)
  }

  /** The thread read a message from the host (written by the thread). */
  noteRead(at: number): void {
    this.#readAt[0] = at
  }

  /** When the thread last read a message, epoch milliseconds (0 before the first). */
  lastReadAt(): number {
    return this.#readAt[0] as number
  }

  /** Asks the thread to stop run `seq` (its interrupt handler reads this cell). */
  cancel(seq: number): void {
    Atomics.store(this.#ints, 0, seq)
    Atomics.notify(this.#ints, 0)
  }

  isCancelled(seq: number): boolean {
    return Atomics.load(this.#ints, 0) === seq
  }

  /** Sleeps up to `ms`, waking early when a cancel is written. */
  sleepUnlessCancelled(seq: number, ms: number): void {
    const current = Atomics.load(this.#ints, 0)
    if (current !== seq) Atomics.wait(this.#ints, 0, current, ms)
  }

  enter(phase: LanePhase, seq: number, at: number): void {
    this.#since[0] = at
    Atomics.store(this.#ints, 1, seq)
    Atomics.store(this.#ints, 2, phase)
  }

  read(): { seq: number; phase: LanePhase; since: number } {
    const phase = Atomics.load(this.#ints, 2) as LanePhase
    const seq = Atomics.load(this.#ints, 1)
    return { seq, phase, since: this.#since[0] as number }
  }
}

/** Epoch milliseconds with sub-millisecond precision, comparable across threads and processes. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now()
}
