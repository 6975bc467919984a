// The host's side of a lane when its thread misbehaves: a fake thread (an
// EventEmitter that records what it is sent and writes the shared status
// cells as a real lane thread would) and fake timers, so every grace and
// timeout is exercised exactly, without real threads or real waiting.
import { EventEmitter } from 'node:events'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { HostToLane, LaneJob, LaneResult } from '../../../src/protocol/host-messages'
import type { RunLogChunk } from '../../../src/protocol/outcome'
import type { LaneListener, LaneThread } from '../../../src/sandbox/lane'
import {
  CANCEL_GRACE_MS,
  CLEANUP_TIMEOUT_MS,
  Lane,
  REPLACE_UNRESPONSIVE_AFTER_MS,
  STARVED_WAIT_MAX_MS,
  STUCK_CPU_MS,
  UNRESPONSIVE_AFTER_MS,
  WATCHDOG_GRACE_MS,
} from '../../../src/sandbox/lane'
import type { LaneWorkerData } from '../../../src/sandbox/lane-worker-data'
import { epochNow, LanePhase, LaneStatus } from '../../../src/sandbox/lane-status'

class FakeThread extends EventEmitter implements LaneThread {
  readonly posted: HostToLane[] = []
  readonly status: LaneStatus
  terminated = false
  readonly performance = { eventLoopUtilization: () => ({ active: 0, idle: 0 }) }

  constructor(data: LaneWorkerData) {
    super()
    this.status = new LaneStatus(data.statusBuffer)
  }

  /** A hung thread reads nothing: pings go unanswered. */
  hung = false
  pings = 0

  postMessage(message: HostToLane): void {
    // An idle thread reads a ping at once and notes it in the status cells, as lane-worker.ts does.
    if (message.type === 'ping') {
      this.pings++
      if (!this.hung) this.status.noteRead(epochNow())
      return
    }
    this.posted.push(message)
  }

  terminate(): Promise<number> {
    this.terminated = true
    return Promise.resolve(1)
  }

  /** The seq the host gave the run with this id. */
  seqOf(runId: string): number {
    const sent = this.posted.find((m) => m.type === 'run' && m.job.runId === runId)
    if (!sent || sent.type !== 'run') throw new Error(`${runId} was not sent`)
    return sent.seq
  }

  start(runId: string): void {
    this.status.enter(LanePhase.Running, this.seqOf(runId), epochNow())
  }

  answer(runId: string, value = '1'): void {
    const seq = this.seqOf(runId)
    this.emit('message', { type: 'result', seq, result: okResult(runId, value) })
    this.status.enter(LanePhase.Idle, seq, epochNow())
  }
}

function okResult(runId: string, valueJson: string): LaneResult {
  return {
    runId,
    lane: 0,
    status: 'ok',
    valueJson,
    logs: [],
    droppedLogs: 0,
    route: 'pool',
    runMs: 1,
  }
}

function job(runId: string, runTimeoutMs = 1000): LaneJob {
  return {
    runId,
    lane: 0,
    code: 'return 1',
    route: 'pool',
    limits: { runTimeoutMs, memoryMb: 16, stackKb: 256 },
  }
}

interface Heard {
  settled: { result: LaneResult; replacing?: string }[]
  replaced: { cause: string; planned: boolean; detail?: string }[]
  requeued: string[][]
  ready: number
  unresponsive: number
  logs: RunLogChunk[]
}

/** `threadCpu`: a thread's CPU milliseconds as the test says (the real one reads /proc). */
function setup(threadCpu?: (tid: number) => number | undefined): {
  lane: Lane
  threads: FakeThread[]
  heard: Heard
  ready(): FakeThread
} {
  const threads: FakeThread[] = []
  const heard: Heard = {
    settled: [],
    replaced: [],
    requeued: [],
    ready: 0,
    unresponsive: 0,
    logs: [],
  }
  const listener: LaneListener = {
    ready: () => heard.ready++,
    settled: (result, replacing) =>
      heard.settled.push(replacing ? { result, replacing } : { result }),
    recycled: () => undefined,
    unresponsive: () => heard.unresponsive++,
    replaced: (_lane, cause, planned, detail) =>
      heard.replaced.push(detail ? { cause, planned, detail } : { cause, planned }),
    requeue: (jobs) => heard.requeued.push(jobs.map((j) => j.runId)),
    logs: (chunk) => heard.logs.push(chunk),
  }
  const lane = new Lane(
    0,
    'lane-worker.js',
    64,
    {} as WebAssembly.Module,
    listener,
    (_f, data) => {
      const thread = new FakeThread(data)
      threads.push(thread)
      return thread
    },
    threadCpu,
  )
  lane.start()
  const ready = (): FakeThread => {
    const thread = threads.at(-1) as FakeThread
    thread.emit('message', { type: 'ready' })
    return thread
  }
  ready()
  return { lane, threads, heard, ready }
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('Lane (host side) under failure', () => {
  it('a Stop the thread ignores ends the run after the cancel grace and replaces the thread', async () => {
    const { lane, threads, heard } = setup()
    const thread = threads[0] as FakeThread
    lane.send(job('a'))
    thread.start('a')
    expect(lane.cancel('a')).toBe(true)
    expect(thread.status.isCancelled(thread.seqOf('a'))).toBe(true)
    await vi.advanceTimersByTimeAsync(CANCEL_GRACE_MS - 1)
    expect(heard.settled).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(heard.settled[0]?.result.error?.type).toBe('CancelledError')
    expect(heard.settled[0]?.replacing).toBe('cancel-unresponsive')
    expect(thread.terminated).toBe(true)
    expect(threads).toHaveLength(2)
  })

  it('a Stop the thread honours in time replaces nothing', async () => {
    const { lane, threads, heard } = setup()
    const thread = threads[0] as FakeThread
    lane.send(job('a'))
    thread.start('a')
    lane.cancel('a')
    thread.answer('a')
    await vi.advanceTimersByTimeAsync(CANCEL_GRACE_MS * 2)
    expect(heard.settled).toHaveLength(1)
    expect(threads).toHaveLength(1)
  })

  it('a Stop of a run still queued in the thread is sent as a message; the run behind keeps its place', () => {
    const { lane, threads } = setup()
    const thread = threads[0] as FakeThread
    lane.send(job('a'))
    lane.send(job('b'))
    thread.start('a')
    lane.cancel('b')
    expect(thread.posted.at(-1)).toEqual({ type: 'cancel', seq: thread.seqOf('b') })
    // The running run is not the one stopped.
    expect(thread.status.isCancelled(thread.seqOf('a'))).toBe(false)
  })

  it('the watchdog ends a run stuck past its deadline plus grace; the runs behind it go back to the queue', async () => {
    const { lane, threads, heard } = setup()
    const thread = threads[0] as FakeThread
    lane.send(job('stuck', 200))
    lane.send(job('next', 200))
    thread.start('stuck')
    await vi.advanceTimersByTimeAsync(200 + WATCHDOG_GRACE_MS - 5)
    expect(heard.settled).toEqual([])
    await vi.advanceTimersByTimeAsync(10)
    expect(heard.settled[0]?.result.error).toMatchObject({
      type: 'TimeoutError',
      cause: 'watchdog',
    })
    expect(heard.requeued).toEqual([['next']])
    expect(thread.terminated).toBe(true)
  })

  it('a thread a busy machine does not schedule is not judged stuck: the watchdog waits while it gets no CPU', async () => {
    let cpuMs = 1000
    const { lane, threads, heard } = setup(() => cpuMs)
    const thread = threads[0] as FakeThread
    thread.status.setThreadId(4242)
    lane.send(job('starved', 200))
    thread.start('starved')
    // Past its deadline and grace, with no CPU since the deadline: starved, not stuck.
    await vi.advanceTimersByTimeAsync(200 + WATCHDOG_GRACE_MS * 4)
    expect(heard.settled).toEqual([])
    expect(thread.terminated).toBe(false)
    // It runs again and uses CPU without stopping: inside a built-in after all.
    cpuMs += STUCK_CPU_MS
    await vi.advanceTimersByTimeAsync(WATCHDOG_GRACE_MS + 10)
    expect(heard.settled[0]?.result.error).toMatchObject({
      type: 'TimeoutError',
      cause: 'watchdog',
    })
    expect(thread.terminated).toBe(true)
  })

  it('a thread that burns CPU past its deadline is ended at deadline plus grace', async () => {
    let cpuMs = 0
    const { lane, threads, heard } = setup(() => cpuMs)
    const thread = threads[0] as FakeThread
    thread.status.setThreadId(4242)
    lane.send(job('stuck', 200))
    thread.start('stuck')
    await vi.advanceTimersByTimeAsync(200)
    cpuMs += WATCHDOG_GRACE_MS
    await vi.advanceTimersByTimeAsync(WATCHDOG_GRACE_MS + 5)
    expect(heard.settled[0]?.result.error).toMatchObject({
      type: 'TimeoutError',
      cause: 'watchdog',
    })
  })

  it('a starved thread is still ended once it has waited the longest a starved thread may', async () => {
    const { lane, threads, heard } = setup(() => 0)
    const thread = threads[0] as FakeThread
    thread.status.setThreadId(4242)
    lane.send(job('never-scheduled', 200))
    thread.start('never-scheduled')
    await vi.advanceTimersByTimeAsync(200 + WATCHDOG_GRACE_MS + STARVED_WAIT_MAX_MS - 200)
    expect(heard.settled).toEqual([])
    await vi.advanceTimersByTimeAsync(400)
    expect(heard.settled[0]?.result.error).toMatchObject({
      type: 'TimeoutError',
      cause: 'watchdog',
    })
  })

  it('the watchdog times each run from its own start, not from when it was sent', async () => {
    const { lane, threads, heard } = setup()
    const thread = threads[0] as FakeThread
    lane.send(job('first', 300))
    lane.send(job('second', 300))
    thread.start('first')
    await vi.advanceTimersByTimeAsync(250)
    thread.answer('first')
    thread.start('second')
    // 450 ms after 'second' was sent, 200 ms after it started: within its budget.
    await vi.advanceTimersByTimeAsync(200)
    expect(heard.settled).toHaveLength(1)
    thread.answer('second')
    expect(heard.settled).toHaveLength(2)
    expect(threads).toHaveLength(1)
  })

  it('a thread stuck cleaning up after a run is replaced; the run waiting behind it is not failed', async () => {
    const { lane, threads, heard } = setup()
    const thread = threads[0] as FakeThread
    lane.send(job('a', 100))
    lane.send(job('b', 100))
    thread.start('a')
    thread.answer('a')
    thread.status.enter(LanePhase.Cleaning, thread.seqOf('a'), epochNow())
    await vi.advanceTimersByTimeAsync(CLEANUP_TIMEOUT_MS + 10)
    expect(heard.replaced).toEqual([{ cause: 'cleanup-stuck', planned: false }])
    expect(heard.requeued).toEqual([['b']])
    expect(heard.settled).toHaveLength(1)
  })

  it('an engine abort while cleaning up replaces the thread, with what the engine said', () => {
    const { lane, threads, heard } = setup()
    const thread = threads[0] as FakeThread
    lane.send(job('a', 100))
    thread.start('a')
    thread.answer('a')
    const detail = 'RuntimeError: Aborted(Assertion failed: list_empty(&rt->gc_obj_list))'
    thread.emit('message', {
      type: 'cleaned',
      seq: thread.seqOf('a'),
      replaceLane: 'lane-abort',
      detail,
    })
    expect(heard.replaced).toEqual([{ cause: 'lane-abort', planned: false, detail }])
    expect(thread.terminated).toBe(true)
  })

  it('a wedged thread that never starts its next run is replaced, and the run is requeued', async () => {
    const { lane, heard } = setup()
    lane.send(job('never-started', 100))
    await vi.advanceTimersByTimeAsync(100 + WATCHDOG_GRACE_MS + 10)
    expect(heard.replaced).toEqual([{ cause: 'lane-unresponsive', planned: false }])
    expect(heard.requeued).toEqual([['never-started']])
  })

  it('a crash ends the running run as PanicError and requeues the runs behind it', () => {
    const { lane, threads, heard } = setup()
    const thread = threads[0] as FakeThread
    lane.send(job('a'))
    lane.send(job('b'))
    thread.start('a')
    thread.emit('exit', 70)
    expect(heard.settled[0]?.result.error).toMatchObject({ type: 'PanicError', cause: 'lane-exit' })
    expect(heard.requeued).toEqual([['b']])
    expect(threads).toHaveLength(2)
  })

  it('a run whose threads keep dying before it starts fails as PanicError after two requeues', () => {
    const { lane, threads, heard, ready } = setup()
    const doomed = job('doomed')
    for (let attempt = 0; attempt < 3; attempt++) {
      lane.send(doomed)
      ;(threads.at(-1) as FakeThread).emit('exit', 1)
      ready()
    }
    expect(heard.requeued).toEqual([['doomed'], ['doomed']])
    expect(heard.settled.map((s) => s.result.error?.type)).toEqual(['PanicError'])
  })

  it('a thread that keeps dying before it is ready is restarted with a growing pause', async () => {
    const { threads } = setup()
    const spawnedAt: number[] = []
    ;(threads[0] as FakeThread).emit('exit', 1) // ready once: restarts at once
    expect(threads).toHaveLength(2)
    for (let i = 0; i < 3; i++) {
      ;(threads.at(-1) as FakeThread).emit('exit', 1)
      const before = threads.length
      const start = Date.now()
      while (threads.length === before) await vi.advanceTimersByTimeAsync(5)
      spawnedAt.push(Date.now() - start)
    }
    expect(spawnedAt[1]).toBeGreaterThan(spawnedAt[0] as number)
    expect(spawnedAt[2]).toBeGreaterThan(spawnedAt[1] as number)
  })

  it('an idle thread that stops reading is shown unresponsive, takes no runs, then is replaced', async () => {
    const { lane, threads, heard } = setup()
    const thread = threads[0] as FakeThread
    // A live idle thread answers every ping: nothing happens, however long.
    await vi.advanceTimersByTimeAsync(REPLACE_UNRESPONSIVE_AFTER_MS * 3)
    expect(thread.pings).toBeGreaterThan(3)
    expect(heard.unresponsive).toBe(0)
    expect(threads).toHaveLength(1)

    thread.hung = true
    await vi.advanceTimersByTimeAsync(UNRESPONSIVE_AFTER_MS + 1000)
    expect(heard.unresponsive).toBe(1)
    expect(lane.ready).toBe(false)
    expect(heard.replaced).toEqual([])
    await vi.advanceTimersByTimeAsync(REPLACE_UNRESPONSIVE_AFTER_MS)
    expect(heard.replaced).toEqual([{ cause: 'lane-unresponsive', planned: false }])
    expect(thread.terminated).toBe(true)
    expect(threads).toHaveLength(2)
  })

  it('an unresponsive thread that reads again takes runs again', async () => {
    const { lane, threads, heard } = setup()
    const thread = threads[0] as FakeThread
    thread.hung = true
    await vi.advanceTimersByTimeAsync(UNRESPONSIVE_AFTER_MS + 1000)
    expect(lane.ready).toBe(false)
    const readyBefore = heard.ready
    thread.hung = false
    thread.status.noteRead(epochNow())
    await vi.advanceTimersByTimeAsync(1000)
    expect(lane.ready).toBe(true)
    expect(heard.ready).toBe(readyBefore + 1)
    expect(heard.replaced).toEqual([])
  })

  it('a thread busy running is never judged by pings (the watchdog covers it)', async () => {
    const { lane, threads, heard } = setup()
    const thread = threads[0] as FakeThread
    thread.hung = true
    lane.send(job('a', 60_000))
    thread.start('a')
    await vi.advanceTimersByTimeAsync(REPLACE_UNRESPONSIVE_AFTER_MS * 3)
    expect(heard.unresponsive).toBe(0)
    expect(heard.replaced).toEqual([])
  })

  it('passes a run’s streamed lines on by its id; lines for a seq it no longer holds are ignored', () => {
    const { lane, threads, heard } = setup()
    const thread = threads[0] as FakeThread
    lane.send({ ...job('a'), liveLogs: true })
    thread.start('a')
    const seq = thread.seqOf('a')
    const entries = [{ level: 'log' as const, text: 'hi', at: 1 }]
    thread.emit('message', { type: 'logs', seq, from: 0, entries, dropped: 0 })
    thread.answer('a')
    thread.emit('message', { type: 'logs', seq, from: 1, entries, dropped: 0 })
    expect(heard.logs).toEqual([{ runId: 'a', from: 0, entries, dropped: 0 }])
  })
})
