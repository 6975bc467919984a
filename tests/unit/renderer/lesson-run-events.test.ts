import { describe, expect, it } from 'vitest'
import { collectRunEvents, insideFacts } from '../../../renderer/lessons/run-events'
import { eventStream, okRun } from './events'

describe('what happened inside a lesson run', () => {
  it('finds the run’s events, its lane’s replacement and return, and nothing of other runs', () => {
    const make = eventStream()
    const log = [
      ...okRun(make, 'before', 0),
      make({ kind: 'run.submitted', runId: 'mine' }),
      make({ kind: 'run.admitted', runId: 'mine', waitedMs: 0 }),
      make({ kind: 'run.dispatched', runId: 'mine', lane: 1, route: 'pool' }),
      ...okRun(make, 'other', 0),
      make({ kind: 'lane.recycled', lane: 0, cause: 'runtime recycled: jobs left' }),
      make({ kind: 'lane.recycled', lane: 1, cause: 'thread replaced: watchdog' }),
      make({ kind: 'permit.released', runId: 'mine', heldMs: 455 }),
      make({
        kind: 'run.settled',
        runId: 'mine',
        status: 'error',
        errorType: 'TimeoutError',
        cause: 'watchdog',
        totalMs: 460,
      }),
      make({ kind: 'lane.spawned', lane: 1 }),
      ...okRun(make, 'after', 1),
      make({ kind: 'lane.recycled', lane: 1, cause: 'runtime recycled: after' }),
    ]
    const sequence = { length: log.length, get: (i: number) => log[i] }
    const found = collectRunEvents(sequence, ['mine'])
    expect(found.map((e) => e.kind)).toEqual([
      'run.submitted',
      'run.admitted',
      'run.dispatched',
      'lane.recycled',
      'permit.released',
      'run.settled',
      'lane.spawned',
    ])
    expect(insideFacts(found).map((fact) => fact.text)).toEqual([
      'the time limit fired: the watchdog ended the thread (460 ms)',
      "lane 1's thread was replaced (watchdog)",
      'its permit came back after 455 ms',
      'lane 1 is ready again',
    ])
  })

  it('follows a panic: the host lost, every lane back', () => {
    const make = eventStream()
    const log = [
      make({ kind: 'run.submitted', runId: 'mine' }),
      make({ kind: 'run.dispatched', runId: 'mine', lane: 0, route: 'loop' }),
      make({ kind: 'panic.recovered', cause: 'host-exit', runIds: ['mine'] }),
      make({ kind: 'permit.released', runId: 'mine', heldMs: 20 }),
      make({
        kind: 'run.settled',
        runId: 'mine',
        status: 'error',
        errorType: 'PanicError',
        cause: 'host-exit',
        totalMs: 21,
      }),
      make({ kind: 'lane.spawned', lane: 0 }),
      make({ kind: 'lane.spawned', lane: 1 }),
    ]
    const found = collectRunEvents({ length: log.length, get: (i) => log[i] }, ['mine'])
    expect(found).toHaveLength(7)
    expect(insideFacts(found)[0]?.text).toBe('ended as PanicError (host-exit)')
    expect(insideFacts(found).map((f) => f.kind)).toContain('panic')
    expect(collectRunEvents({ length: log.length, get: (i) => log[i] }, ['nobody'])).toEqual([])
  })
})
