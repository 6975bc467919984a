import { describe, expect, it } from 'vitest'
import { EventLog } from '../../../renderer/event-log/event-log'
import { explainEvent } from '../../../renderer/event-log/explain-event'
import { eventStream, nth, okRun } from './events'

describe('explainEvent', () => {
  it('shows what a watchdog timeout released and replaced', () => {
    const make = eventStream()
    const log = new EventLog()
    log.append(okRun(make, 'before', 1))
    log.append([
      make({ kind: 'run.submitted', runId: 'stuck' }),
      make({ kind: 'run.admitted', runId: 'stuck', waitedMs: 0 }),
      make({ kind: 'run.dispatched', runId: 'stuck', lane: 1, route: 'pool' }),
      make({ kind: 'run.submitted', runId: 'other' }),
      make({ kind: 'lane.recycled', lane: 1, cause: 'thread replaced: watchdog' }, 2000),
      make({ kind: 'permit.released', runId: 'stuck', heldMs: 301 }),
    ])
    const settled = make({
      kind: 'run.settled',
      runId: 'stuck',
      status: 'error',
      errorType: 'TimeoutError',
      cause: 'watchdog',
      totalMs: 340,
    })
    log.append([settled, make({ kind: 'lane.spawned', lane: 1 }, 2045)])

    const explanation = log.explain(settled.seq)
    expect(explanation?.runs).toEqual([
      {
        runId: 'stuck',
        lane: 1,
        heldMs: 301,
        status: 'error',
        errorType: 'TimeoutError',
        cause: 'watchdog',
        totalMs: 340,
      },
    ])
    expect(explanation?.lanes).toEqual([
      { lane: 1, cause: 'thread replaced: watchdog', at: 2000, readyAfterMs: 45 },
    ])
  })

  it('explains a lane recycle from the run that was on the lane', () => {
    const make = eventStream()
    const events = [
      make({ kind: 'run.dispatched', runId: 'a', lane: 0, route: 'loop' }),
      make({ kind: 'run.dispatched', runId: 'b', lane: 1, route: 'pool' }),
      make({ kind: 'lane.recycled', lane: 0, cause: 'thread replaced: watchdog' }),
      make({ kind: 'permit.released', runId: 'a', heldMs: 10 }),
    ]
    const explanation = explainEvent({ length: events.length, get: (i) => events[i] }, 2)
    expect(explanation?.runs.map((run) => run.runId)).toEqual(['a'])
    expect(explanation?.runs[0]?.heldMs).toBe(10)
    expect(explanation?.lanes).toEqual([
      { lane: 0, cause: 'thread replaced: watchdog', at: nth(events, 2).at },
    ])
  })

  it('explains a recovered panic: the runs it failed and the lane it replaced', () => {
    const make = eventStream()
    const events = [
      make({ kind: 'run.dispatched', runId: 'x', lane: 2, route: 'pool' }),
      make({ kind: 'lane.recycled', lane: 2, cause: 'thread replaced: lane-abort' }),
      make({ kind: 'panic.recovered', cause: 'lane-abort', lane: 2, runIds: ['x'] }),
      make({ kind: 'permit.released', runId: 'x', heldMs: 12 }),
      make({
        kind: 'run.settled',
        runId: 'x',
        status: 'error',
        errorType: 'PanicError',
        cause: 'lane-abort',
        totalMs: 13,
      }),
    ]
    const explanation = explainEvent({ length: events.length, get: (i) => events[i] }, 2)
    expect(explanation?.runs[0]).toMatchObject({ runId: 'x', heldMs: 12, errorType: 'PanicError' })
    expect(explanation?.lanes[0]).toMatchObject({ lane: 2, cause: 'thread replaced: lane-abort' })
  })

  it('explains a lost sandbox host by the lanes that came back', () => {
    const make = eventStream()
    const events = [
      make({ kind: 'panic.recovered', cause: 'host-exit', runIds: ['p', 'q'] }, 100),
      make({ kind: 'lane.spawned', lane: 0 }, 400),
      make({ kind: 'lane.spawned', lane: 1 }, 420),
    ]
    const explanation = explainEvent({ length: events.length, get: (i) => events[i] }, 0)
    expect(explanation?.runs.map((run) => run.runId)).toEqual(['p', 'q'])
    expect(explanation?.lanes).toEqual([
      { lane: 0, cause: 'host restarted: host-exit', at: 100, readyAfterMs: 300 },
      { lane: 1, cause: 'host restarted: host-exit', at: 100, readyAfterMs: 320 },
    ])
  })

  it('has nothing replaced for an ordinary run', () => {
    const make = eventStream()
    const events = okRun(make, 'fine')
    const explanation = explainEvent({ length: events.length, get: (i) => events[i] }, 4)
    expect(explanation?.lanes).toEqual([])
    expect(explanation?.runs[0]).toMatchObject({ runId: 'fine', heldMs: 5, status: 'ok' })
  })
})
