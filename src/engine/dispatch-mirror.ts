import type { DispatchReport, LaneReport, SettledReport } from '../protocol/host-messages'
import type { LaneState, LaneView } from '../protocol/telemetry'

interface LaneMirror {
  state: LaneState
  /** Runs the host put on this lane and that have not settled, oldest first. */
  runIds: string[]
  runs: number
}

/** Runs listed as awaiting a lane in a snapshot. */
const MAX_AWAITING_IN_VIEW = 100

/**
 * The main process's picture of the lanes, drawn only from what the sandbox
 * host reports (the host owns dispatch): which lane runs what, which is
 * starting or being replaced, and which admitted runs still wait for a lane.
 * It decides nothing, so it can never disagree with the host in a way that
 * fails a run.
 */
export class DispatchMirror {
  #lanes: LaneMirror[]
  /** Admitted runs not yet on a lane, in admission order. */
  readonly #awaiting = new Set<string>()

  constructor(count: number) {
    this.#lanes = DispatchMirror.#fresh(count)
  }

  static #fresh(count: number): LaneMirror[] {
    return Array.from({ length: count }, () => ({
      state: 'starting' as LaneState,
      runIds: [],
      runs: 0,
    }))
  }

  get count(): number {
    return this.#lanes.length
  }

  /** A run holds a permit and was handed to the host. */
  admitted(runId: string): void {
    this.#awaiting.add(runId)
  }

  dispatched(report: DispatchReport): void {
    this.#awaiting.delete(report.runId)
    const lane = this.#lanes[report.lane]
    if (!lane) return
    lane.runIds.push(report.runId)
    lane.runs++
    if (lane.state === 'idle') lane.state = 'running'
  }

  settled(report: SettledReport): void {
    const { runId, lane: index } = report.result
    this.#awaiting.delete(runId)
    const lane = this.#lanes[index]
    if (!lane) return
    const at = lane.runIds.indexOf(runId)
    if (at !== -1) lane.runIds.splice(at, 1)
    if (report.replacing) {
      // Runs behind it went back to the host's queue.
      for (const id of lane.runIds.splice(0)) this.#awaiting.add(id)
      lane.state = 'recycling'
    } else if (lane.state === 'running' && lane.runIds.length === 0) lane.state = 'idle'
  }

  lane(report: LaneReport): void {
    const lane = this.#lanes[report.lane]
    if (!lane) return
    if (report.kind === 'ready') lane.state = lane.runIds.length > 0 ? 'running' : 'idle'
    else if (report.kind === 'unresponsive') lane.state = 'unresponsive'
    else if (report.kind === 'replaced') {
      for (const id of lane.runIds.splice(0)) this.#awaiting.add(id)
      lane.state = 'recycling'
    }
  }

  /** The host went away: every lane starts over; its queued runs wait for the next host. */
  hostLost(lostRunIds: readonly string[]): void {
    const lost = new Set(lostRunIds)
    for (const lane of this.#lanes) {
      for (const id of lane.runIds) if (!lost.has(id)) this.#awaiting.add(id)
      lane.runIds = []
      lane.state = 'starting'
    }
    for (const id of lost) this.#awaiting.delete(id)
  }

  /** A new set of lanes (a new host): none is ready until it says so. */
  resize(count: number): void {
    this.#lanes = DispatchMirror.#fresh(count)
  }

  awaitingLane(): string[] {
    const out: string[] = []
    for (const id of this.#awaiting) {
      if (out.length >= MAX_AWAITING_IN_VIEW) break
      out.push(id)
    }
    return out
  }

  view(): LaneView[] {
    return this.#lanes.map((l, lane) => ({
      lane,
      state: l.state,
      runId: l.runIds[0] ?? null,
      nextRunId: l.runIds[1] ?? null,
      runs: l.runs,
    }))
  }
}
