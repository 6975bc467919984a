// The main process's mirror of the lanes draws only what the host reports.
import { describe, expect, it } from 'vitest'
import { DispatchMirror } from '../../../src/engine/dispatch-mirror'
import type { SettledReport } from '../../../src/protocol/host-messages'

const settled = (runId: string, lane: number, replacing?: string): SettledReport => ({
  result: { runId, lane, status: 'ok', logs: [], droppedLogs: 0, route: 'pool', runMs: 1 },
  ...(replacing ? { replacing } : {}),
})

describe('DispatchMirror', () => {
  it('shows admitted runs as awaiting a lane until the host puts them on one', () => {
    const mirror = new DispatchMirror(2)
    mirror.lane({ kind: 'ready', lane: 0 })
    mirror.lane({ kind: 'ready', lane: 1 })
    mirror.admitted('a')
    mirror.admitted('b')
    mirror.admitted('c')
    mirror.dispatched({ runId: 'a', lane: 0, at: 0 })
    mirror.dispatched({ runId: 'b', lane: 0, at: 0 })
    expect(mirror.awaitingLane()).toEqual(['c'])
    expect(mirror.view()[0]).toMatchObject({
      state: 'running',
      runId: 'a',
      nextRunId: 'b',
      runs: 2,
    })
    mirror.settled(settled('a', 0))
    expect(mirror.view()[0]).toMatchObject({ state: 'running', runId: 'b', nextRunId: null })
    mirror.settled(settled('b', 0))
    expect(mirror.view()[0]?.state).toBe('idle')
  })

  it('a replaced lane shows as recycling, and the runs behind the failed one wait again', () => {
    const mirror = new DispatchMirror(1)
    mirror.lane({ kind: 'ready', lane: 0 })
    for (const id of ['a', 'b']) {
      mirror.admitted(id)
      mirror.dispatched({ runId: id, lane: 0, at: 0 })
    }
    mirror.settled(settled('a', 0, 'lane-abort'))
    expect(mirror.view()[0]?.state).toBe('recycling')
    expect(mirror.awaitingLane()).toEqual(['b'])
    mirror.lane({ kind: 'ready', lane: 0 })
    expect(mirror.view()[0]?.state).toBe('idle')
  })

  it('a lost host resets every lane; runs that were only queued wait for the next host', () => {
    const mirror = new DispatchMirror(1)
    mirror.lane({ kind: 'ready', lane: 0 })
    mirror.admitted('on-lane')
    mirror.admitted('queued')
    mirror.dispatched({ runId: 'on-lane', lane: 0, at: 0 })
    mirror.settled(settled('on-lane', -1))
    mirror.hostLost(['on-lane'])
    expect(mirror.view()[0]).toMatchObject({ state: 'starting', runId: null })
    expect(mirror.awaitingLane()).toEqual(['queued'])
  })
})
