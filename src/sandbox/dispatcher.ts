import { failedLaneResult, NOT_STARTED } from '../protocol/host-messages'
import type {
  DispatchReport,
  HostJob,
  LaneJob,
  LaneReport,
  SettledReport,
} from '../protocol/host-messages'
import type { Lane } from './lane'
import { epochNow } from './lane-status'

/** Runs a lane's thread holds at once: the one running and the next, so it never waits for a round trip. */
export const LANE_DEPTH = 2

/** Where the dispatcher's reports go; the host batches them into one message per tick. */
export interface DispatchSink {
  lane(report: LaneReport): void
  dispatched(report: DispatchReport): void
  settled(report: SettledReport): void
}

/**
 * The one owner of lane dispatch: the queue of admitted runs, in admission
 * order, and the choice of lane. A run goes to the ready lane holding the
 * fewest runs, at most LANE_DEPTH per lane; a run whose lane died before it
 * started goes back to the front of the queue.
 */
export class Dispatcher {
  #queue: LaneJob[] = []
  #head = 0
  #lanes: Lane[] = []

  constructor(readonly sink: DispatchSink) {}

  attach(lanes: Lane[]): void {
    this.#lanes = lanes
  }

  /** Runs admitted by the main process, in order. */
  enqueue(jobs: HostJob[]): void {
    // The job becomes a LaneJob once a lane is chosen; -1 until then.
    for (const job of jobs) this.#queue.push(Object.assign(job, { lane: -1 }))
    this.pump()
  }

  /** Runs whose thread died before they started: first in line again, in their order. */
  requeue(jobs: LaneJob[]): void {
    this.#compact()
    this.#queue.unshift(...jobs)
    this.pump()
  }

  /** Stops a run queued here or on a lane. */
  cancel(runId: string): void {
    for (let i = this.#head; i < this.#queue.length; i++) {
      const job = this.#queue[i] as LaneJob
      if (job.runId !== runId) continue
      this.#queue.splice(i, 1)
      this.sink.settled({ result: failedLaneResult(job, -1, NOT_STARTED) })
      return
    }
    for (const lane of this.#lanes) if (lane.cancel(runId)) return
  }

  get queued(): number {
    return this.#queue.length - this.#head
  }

  /** Hands queued runs to lanes with room, least loaded first. */
  pump(): void {
    const lanes = this.#lanes
    while (this.#head < this.#queue.length) {
      let best: Lane | undefined
      for (const lane of lanes) {
        if (!lane.ready || lane.outstanding >= LANE_DEPTH) continue
        if (!best || lane.outstanding < best.outstanding) best = lane
        if (best.outstanding === 0) break
      }
      if (!best) break
      const job = this.#queue[this.#head++] as LaneJob
      job.lane = best.index
      best.send(job)
      this.sink.dispatched({ runId: job.runId, lane: best.index, at: epochNow() })
    }
    if (this.#head > 1024 && this.#head * 2 > this.#queue.length) this.#compact()
  }

  #compact(): void {
    this.#queue = this.#queue.slice(this.#head)
    this.#head = 0
  }
}
