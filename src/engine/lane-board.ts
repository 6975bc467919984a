import type { LaneState, LaneView } from '../protocol/telemetry'
import { CancelledError } from '../gate/errors'

interface LaneSlot {
  state: LaneState
  /** The run the lane is on (or will start first once its thread is ready). */
  runId: string | null
  /** A run sent ahead to wait on this lane, so it starts the moment the current one ends. */
  nextRunId: string | null
  runs: number
}

interface LaneWaiter {
  runId: string
  grant: (lane: number) => void
  fail: (error: Error) => void
}

/**
 * The main process's view of the lanes: which is free, which runs what. A
 * run that holds a permit but finds no free lane waits here, first come
 * first served; the telemetry shows it as awaiting a lane.
 *
 * With `prefetch`, a busy lane also takes one run ahead: the sandbox host
 * starts it as soon as the current run ends, without a round trip to this
 * process, which keeps the lane's thread busy instead of idle between runs.
 */
export class LaneBoard {
  #lanes: LaneSlot[]
  readonly #waiting: LaneWaiter[] = []

  constructor(
    count: number,
    private readonly prefetch = true,
  ) {
    this.#lanes = LaneBoard.#slots(count)
  }

  static #slots(count: number): LaneSlot[] {
    return Array.from({ length: count }, () => ({
      state: 'starting' as LaneState,
      runId: null,
      nextRunId: null,
      runs: 0,
    }))
  }

  get count(): number {
    return this.#lanes.length
  }

  /** Waits for a lane and assigns it `runId`: a free lane, or a place right behind a busy one. */
  claim(runId: string, signal?: AbortSignal): Promise<number> {
    const lane = this.#waiting.length === 0 ? this.#pick() : -1
    if (lane !== -1) return Promise.resolve(this.#assign(lane, runId))
    return new Promise((resolve, reject) => {
      const waiter: LaneWaiter = {
        runId,
        grant: (granted) => {
          signal?.removeEventListener('abort', onAbort)
          resolve(granted)
        },
        fail: (error) => {
          signal?.removeEventListener('abort', onAbort)
          reject(error)
        },
      }
      const onAbort = (): void => {
        const index = this.#waiting.indexOf(waiter)
        if (index === -1) return
        this.#waiting.splice(index, 1)
        waiter.fail(new CancelledError('Stopped while waiting for a lane'))
      }
      if (signal?.aborted) return reject(new CancelledError('Stopped while waiting for a lane'))
      signal?.addEventListener('abort', onAbort, { once: true })
      this.#waiting.push(waiter)
    })
  }

  /**
   * The run `runId` on `lane` is over; the run sent ahead (if any) becomes
   * current. `replacing` keeps the lane out of use until it is ready again.
   * Ignored when the lane no longer holds that run (the host was lost or the
   * lanes were rebuilt meanwhile).
   */
  release(lane: number, runId: string, replacing: boolean): void {
    const slot = this.#lanes[lane]
    if (!slot) return
    if (slot.nextRunId === runId) {
      // The run sent ahead ended first (stopped before it started).
      slot.nextRunId = null
    } else if (slot.runId === runId) {
      slot.runId = slot.nextRunId
      slot.nextRunId = null
      if (replacing) slot.state = 'recycling'
      else slot.state = slot.runId ? 'running' : 'idle'
    } else {
      return
    }
    this.#hand()
  }

  ready(lane: number): void {
    const slot = this.#lanes[lane]
    if (!slot) return
    slot.state = slot.runId ? 'running' : 'idle'
    this.#hand()
  }

  /** The lane's thread died while idle: out of use until ready. */
  replacing(lane: number): void {
    const slot = this.#lanes[lane]
    if (slot) slot.state = 'recycling'
  }

  /** The whole host went away: every lane starts over. */
  resetAll(): void {
    for (const slot of this.#lanes) {
      slot.state = 'starting'
      slot.runId = null
      slot.nextRunId = null
    }
  }

  /** A new set of lanes (a new host): none is free until it says it is ready. */
  resize(count: number): void {
    this.#lanes = LaneBoard.#slots(count)
  }

  /** Rejects every run waiting for a lane (shutdown). */
  failWaiting(error: Error): void {
    for (const waiter of this.#waiting.splice(0)) waiter.fail(error)
  }

  awaitingLane(): string[] {
    return this.#waiting.map((w) => w.runId)
  }

  view(): LaneView[] {
    return this.#lanes.map((l, lane) => ({
      lane,
      state: l.state,
      runId: l.runId,
      nextRunId: l.nextRunId,
      runs: l.runs,
    }))
  }

  /** An idle lane, else (with prefetch) a running lane with no run ahead; -1 when none. */
  #pick(): number {
    const idle = this.#lanes.findIndex((l) => l.state === 'idle')
    if (idle !== -1 || !this.prefetch) return idle
    return this.#lanes.findIndex((l) => l.state === 'running' && l.nextRunId === null)
  }

  #assign(lane: number, runId: string): number {
    const slot = this.#lanes[lane] as LaneSlot
    if (slot.state === 'idle') {
      slot.state = 'running'
      slot.runId = runId
    } else {
      slot.nextRunId = runId
    }
    slot.runs++
    return lane
  }

  #hand(): void {
    for (;;) {
      const lane = this.#pick()
      const waiter = lane === -1 ? undefined : this.#waiting.shift()
      if (!waiter) return
      waiter.grant(this.#assign(lane, waiter.runId))
    }
  }
}
