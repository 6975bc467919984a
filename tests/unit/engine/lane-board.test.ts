import { describe, it, expect } from 'vitest'
import { CancelledError, QueueClearedError } from '../../../src/gate/errors'
import { LaneBoard } from '../../../src/engine/lane-board'

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

function track(promise: Promise<number>): { lane?: number; error?: unknown } {
  const tracked: { lane?: number; error?: unknown } = {}
  promise.then(
    (lane) => (tracked.lane = lane),
    (error: unknown) => (tracked.error = error),
  )
  return tracked
}

function readyBoard(count: number, prefetch = true): LaneBoard {
  const board = new LaneBoard(count, prefetch)
  for (let lane = 0; lane < count; lane++) board.ready(lane)
  return board
}

const slot = (board: LaneBoard, lane: number) => board.view()[lane]

describe('LaneBoard', () => {
  it('starts with every lane starting and none claimable', async () => {
    const board = new LaneBoard(2)
    expect(board.count).toBe(2)
    expect(board.view()).toEqual([
      { lane: 0, state: 'starting', runId: null, nextRunId: null, runs: 0 },
      { lane: 1, state: 'starting', runId: null, nextRunId: null, runs: 0 },
    ])
    const claim = track(board.claim('a'))
    await settle()
    expect(claim.lane).toBeUndefined()
    expect(board.awaitingLane()).toEqual(['a'])

    board.ready(1)
    await settle()
    expect(claim.lane).toBe(1)
    expect(board.awaitingLane()).toEqual([])
    expect(slot(board, 1)).toMatchObject({ state: 'running', runId: 'a' })
  })

  it('hands out idle lanes first and marks them running', async () => {
    const board = readyBoard(2)
    expect(await board.claim('a')).toBe(0)
    expect(await board.claim('b')).toBe(1)
    expect(board.view()).toEqual([
      { lane: 0, state: 'running', runId: 'a', nextRunId: null, runs: 1 },
      { lane: 1, state: 'running', runId: 'b', nextRunId: null, runs: 1 },
    ])
  })

  it('sends one run ahead per busy lane, and queues the rest first come, first served', async () => {
    const board = readyBoard(1)
    await board.claim('a')
    // Prefetch: b waits on the lane itself, behind a.
    expect(await board.claim('b')).toBe(0)
    expect(slot(board, 0)).toMatchObject({ state: 'running', runId: 'a', nextRunId: 'b', runs: 2 })
    const c = track(board.claim('c'))
    const d = track(board.claim('d'))
    await settle()
    expect(c.lane).toBeUndefined()
    expect(board.awaitingLane()).toEqual(['c', 'd'])

    // a ends: b becomes current and c is sent ahead.
    board.release(0, 'a', false)
    await settle()
    expect(slot(board, 0)).toMatchObject({ state: 'running', runId: 'b', nextRunId: 'c' })
    expect(c.lane).toBe(0)
    expect(d.lane).toBeUndefined()

    board.release(0, 'b', false)
    board.release(0, 'c', false)
    await settle()
    expect(d.lane).toBe(0)
    board.release(0, 'd', false)
    expect(slot(board, 0)).toEqual({
      lane: 0,
      state: 'idle',
      runId: null,
      nextRunId: null,
      runs: 4,
    })
  })

  it('without prefetch, waits for an idle lane', async () => {
    const board = readyBoard(1, false)
    await board.claim('a')
    const b = track(board.claim('b'))
    await settle()
    expect(b.lane).toBeUndefined()
    expect(slot(board, 0)?.nextRunId).toBeNull()
    board.release(0, 'a', false)
    await settle()
    expect(b.lane).toBe(0)
    expect(slot(board, 0)).toMatchObject({ state: 'running', runId: 'b' })
  })

  it('forgets a run sent ahead that ended before it started', async () => {
    const board = readyBoard(1)
    await board.claim('a')
    await board.claim('b')
    board.release(0, 'b', false)
    expect(slot(board, 0)).toMatchObject({ state: 'running', runId: 'a', nextRunId: null })
    board.release(0, 'a', false)
    expect(slot(board, 0)).toMatchObject({ state: 'idle', runId: null })
  })

  it('ignores the release of a run the lane does not hold', async () => {
    const board = readyBoard(1)
    await board.claim('a')
    board.release(0, 'stranger', false)
    board.release(7, 'a', false)
    expect(slot(board, 0)).toMatchObject({ state: 'running', runId: 'a' })
  })

  it('does not let a newcomer overtake runs already waiting', async () => {
    const board = readyBoard(1, false)
    await board.claim('a')
    const b = track(board.claim('b'))
    board.release(0, 'a', true) // being replaced: not free yet
    const c = track(board.claim('c'))
    board.ready(0)
    await settle()
    expect(b.lane).toBe(0)
    expect(c.lane).toBeUndefined()
  })

  it('keeps a lane that is being replaced out of use until it is ready, then starts the run sent ahead', async () => {
    const board = readyBoard(1)
    await board.claim('a')
    await board.claim('b')
    board.release(0, 'a', true)
    expect(slot(board, 0)).toMatchObject({ state: 'recycling', runId: 'b', nextRunId: null })
    const c = track(board.claim('c'))
    await settle()
    expect(c.lane).toBeUndefined()
    board.ready(0)
    await settle()
    expect(slot(board, 0)).toMatchObject({ state: 'running', runId: 'b', nextRunId: 'c' })
    expect(c.lane).toBe(0)
  })

  it('a ready for a lane that is running leaves its runs in place', async () => {
    const board = readyBoard(1)
    await board.claim('a')
    board.ready(0)
    expect(slot(board, 0)).toMatchObject({ state: 'running', runId: 'a' })
  })

  it('takes a lane whose thread died out of use until it is ready', async () => {
    const board = readyBoard(2)
    board.replacing(1)
    expect(slot(board, 1)?.state).toBe('recycling')
    expect(await board.claim('a')).toBe(0)
    const b = await board.claim('b')
    // Lane 1 is out of use: b is sent ahead on lane 0.
    expect(b).toBe(0)
    board.ready(1)
    expect(slot(board, 1)?.state).toBe('idle')
  })

  it('leaves the queue with CancelledError when the signal fires', async () => {
    const board = readyBoard(1, false)
    await board.claim('a')
    const abort = new AbortController()
    const b = track(board.claim('b', abort.signal))
    const c = track(board.claim('c'))
    abort.abort()
    await settle()
    expect(b.error).toBeInstanceOf(CancelledError)
    expect((b.error as Error).message).toBe('Stopped while waiting for a lane')
    expect(board.awaitingLane()).toEqual(['c'])
    board.release(0, 'a', false)
    await settle()
    expect(c.lane).toBe(0)
  })

  it('rejects at once with an already aborted signal when it would have to wait', async () => {
    const board = readyBoard(1, false)
    await board.claim('a')
    const abort = new AbortController()
    abort.abort()
    await expect(board.claim('b', abort.signal)).rejects.toBeInstanceOf(CancelledError)
    expect(board.awaitingLane()).toEqual([])
  })

  it('resetAll puts every lane back to starting and forgets its runs', async () => {
    const board = readyBoard(2)
    await board.claim('a')
    await board.claim('b')
    await board.claim('c')
    board.resetAll()
    expect(
      board.view().map(({ state, runId, nextRunId }) => ({ state, runId, nextRunId })),
    ).toEqual([
      { state: 'starting', runId: null, nextRunId: null },
      { state: 'starting', runId: null, nextRunId: null },
    ])
    // Releases for the lost runs change nothing.
    board.release(0, 'a', false)
    expect(slot(board, 0)?.state).toBe('starting')
    const d = track(board.claim('d'))
    await settle()
    expect(d.lane).toBeUndefined()
    board.ready(0)
    await settle()
    expect(d.lane).toBe(0)
  })

  it('resize builds a new set of starting lanes', () => {
    const board = readyBoard(2)
    board.resize(3)
    expect(board.count).toBe(3)
    expect(board.view().every((l) => l.state === 'starting' && l.runs === 0)).toBe(true)
  })

  it('failWaiting rejects every waiting run', async () => {
    const board = readyBoard(1, false)
    await board.claim('a')
    const waiting = [track(board.claim('b')), track(board.claim('c'))]
    board.failWaiting(new QueueClearedError('shutting down'))
    await settle()
    for (const w of waiting) expect(w.error).toBeInstanceOf(QueueClearedError)
    expect(board.awaitingLane()).toEqual([])
  })

  it('ignores lanes it does not have', () => {
    const board = readyBoard(1)
    board.release(5, 'x', false)
    board.ready(-1)
    board.replacing(9)
    expect(board.view()).toHaveLength(1)
    expect(slot(board, 0)?.state).toBe('idle')
  })
})
