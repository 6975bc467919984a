import type { LaneState, LaneView } from '../protocol/telemetry'
import { CancelledError } from '../gate/errors'

interface LaneSlot {
  state: LaneState
  runId: string | null
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
 */
export class LaneBoard {
  #lanes: LaneSlot[]
  readonly #waiting: LaneWaiter[] = []

  constructor(count: number) {
    this.#lanes = Array.from({ length: count }, () => ({
      state: 'starting' as LaneState,
      runId: null,
      runs: 0,
    }))
  }

  get count(): number {
    return this.#lanes.length
  }

  /** Waits for a free lane and marks it running `runId`. */
  claim(runId: string, signal?: AbortSignal): Promise<number> {
    const free = this.#lanes.findIndex((l) => l.state === 'idle')
    if (free !== -1 && this.#waiting.length === 0) return Promise.resolve(this.#occupy(free, runId))
    return new Promise((resolve, reject) => {
      const waiter: LaneWaiter = {
        runId,
        grant: (lane) => {
          signal?.removeEventListener('abort', onAbort)
          resolve(lane)
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
   * The run `runId` on `lane` is over; `replacing` keeps the lane out of use
   * until it is ready again. Ignored when the lane no longer holds that run
   * (the host was lost or the lanes were rebuilt meanwhile).
   */
  release(lane: number, runId: string, replacing: boolean): void {
    const slot = this.#lanes[lane]
    if (!slot || slot.runId !== runId) return
    slot.runId = null
    slot.state = replacing ? 'recycling' : 'idle'
    this.#hand()
  }

  ready(lane: number): void {
    const slot = this.#lanes[lane]
    if (!slot || slot.state === 'running') return
    slot.state = 'idle'
    this.#hand()
  }

  /** The lane's thread died while idle: out of use until ready. */
  replacing(lane: number): void {
    const slot = this.#lanes[lane]
    if (slot && slot.state !== 'running') slot.state = 'recycling'
  }

  /** The whole host went away: every lane starts over. */
  resetAll(): void {
    for (const slot of this.#lanes) {
      slot.state = 'starting'
      slot.runId = null
    }
  }

  /** A new set of lanes (a new host): none is free until it says it is ready. */
  resize(count: number): void {
    this.#lanes = Array.from({ length: count }, () => ({
      state: 'starting' as LaneState,
      runId: null,
      runs: 0,
    }))
  }

  /** Rejects every run waiting for a lane (shutdown). */
  failWaiting(error: Error): void {
    for (const waiter of this.#waiting.splice(0)) waiter.fail(error)
  }

  awaitingLane(): string[] {
    return this.#waiting.map((w) => w.runId)
  }

  view(): LaneView[] {
    return this.#lanes.map((l, lane) => ({ lane, state: l.state, runId: l.runId, runs: l.runs }))
  }

  #occupy(lane: number, runId: string): number {
    const slot = this.#lanes[lane] as LaneSlot
    slot.state = 'running'
    slot.runId = runId
    slot.runs++
    return lane
  }

  #hand(): void {
    for (;;) {
      const free = this.#lanes.findIndex((l) => l.state === 'idle')
      const waiter = free === -1 ? undefined : this.#waiting.shift()
      if (!waiter) return
      waiter.grant(this.#occupy(free, waiter.runId))
    }
  }
}
