// The host's dispatch: one queue in admission order, the least loaded ready
// lane, never more than LANE_DEPTH runs on a lane, and requeued runs first.
import { describe, expect, it } from 'vitest'
import type { HostJob, LaneJob, SettledReport } from '../../../src/protocol/host-messages'
import { Dispatcher, LANE_DEPTH } from '../../../src/sandbox/dispatcher'
import type { Lane } from '../../../src/sandbox/lane'

class FakeLane {
  ready = true
  readonly held: LaneJob[] = []
  readonly cancelled: string[] = []
  constructor(readonly index: number) {}
  get outstanding(): number {
    return this.held.length
  }
  send(job: LaneJob): void {
    this.held.push({ ...job })
  }
  cancel(runId: string): boolean {
    if (!this.held.some((j) => j.runId === runId)) return false
    this.cancelled.push(runId)
    return true
  }
  finish(): void {
    this.held.shift()
  }
}

const job = (runId: string): HostJob => ({
  runId,
  code: 'return 1',
  route: 'pool',
  limits: { runTimeoutMs: 1000, memoryMb: 16, stackKb: 256 },
})

function setup(laneCount: number) {
  const settled: SettledReport[] = []
  const dispatched: string[] = []
  const dispatcher = new Dispatcher({
    lane: () => undefined,
    dispatched: (d) => dispatched.push(`${d.runId}@${d.lane}`),
    settled: (s) => settled.push(s),
  })
  const lanes = Array.from({ length: laneCount }, (_, i) => new FakeLane(i))
  dispatcher.attach(lanes as unknown as Lane[])
  return { dispatcher, lanes, settled, dispatched }
}

describe('Dispatcher', () => {
  it('spreads runs over the least loaded lanes, at most LANE_DEPTH each, and keeps the rest queued in order', () => {
    const { dispatcher, lanes, dispatched } = setup(2)
    dispatcher.enqueue(['a', 'b', 'c', 'd', 'e', 'f'].map(job))
    expect(LANE_DEPTH).toBe(2)
    expect(dispatched).toEqual(['a@0', 'b@1', 'c@0', 'd@1'])
    expect(dispatcher.queued).toBe(2)
    ;(lanes[1] as FakeLane).finish()
    dispatcher.pump()
    expect(dispatched.at(-1)).toBe('e@1')
  })

  it('sends nothing to a lane that is not ready', () => {
    const { dispatcher, lanes, dispatched } = setup(2)
    ;(lanes[0] as FakeLane).ready = false
    dispatcher.enqueue(['a', 'b', 'c'].map(job))
    expect(dispatched).toEqual(['a@1', 'b@1'])
    ;(lanes[0] as FakeLane).ready = true
    dispatcher.pump()
    expect(dispatched).toEqual(['a@1', 'b@1', 'c@0'])
  })

  it('puts requeued runs first, in their order', () => {
    const { dispatcher, lanes, dispatched } = setup(1)
    dispatcher.enqueue(['a', 'b', 'c', 'd'].map(job))
    const orphans = (lanes[0] as FakeLane).held.splice(0)
    dispatcher.requeue(orphans)
    expect(dispatched.slice(2)).toEqual(['a@0', 'b@0'])
    ;(lanes[0] as FakeLane).held.splice(0)
    dispatcher.pump()
    expect(dispatched.slice(4)).toEqual(['c@0', 'd@0'])
  })

  it('a Stop of a queued run ends it at once; of a run on a lane, asks the lane', () => {
    const { dispatcher, lanes, settled } = setup(1)
    dispatcher.enqueue(['a', 'b', 'c'].map(job))
    dispatcher.cancel('c')
    expect(settled.map((s) => [s.result.runId, s.result.error?.type])).toEqual([
      ['c', 'CancelledError'],
    ])
    dispatcher.cancel('a')
    expect((lanes[0] as FakeLane).cancelled).toEqual(['a'])
    expect(dispatcher.queued).toBe(0)
  })
})
