// A live-logging run's lines leave its lane in batches while it runs: real
// QuickJS in this thread, with a sink that records each batch as the lane
// would post it. The bounds and order are the collector's own.
import releaseSync from '@jitl/quickjs-wasmfile-release-sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LaneJob } from '../../../src/protocol/host-messages'
import type { LogEntry } from '../../../src/protocol/outcome'
import { LIMITS } from '../../../src/protocol/settings'
import { LogCollector } from '../../../src/sandbox/log-collector'
import { LIVE_LOG_INTERVAL_MS, LogStream } from '../../../src/sandbox/log-stream'
import { QuickJSRunner } from '../../../src/sandbox/quickjs-runner'
import { runToEnd, spinControl } from './run-to-end'

interface Batch {
  from: number
  entries: LogEntry[]
  dropped: number
  /** performance.now() when the lane would have posted it. */
  at: number
}

let runner: QuickJSRunner
let seq = 0

function job(code: string, extra: Partial<LaneJob> = {}): LaneJob {
  return {
    runId: `live-${++seq}`,
    lane: 0,
    code,
    route: 'loop',
    limits: { runTimeoutMs: 5000, memoryMb: 64, stackKb: 1024 },
    liveLogs: true,
    ...extra,
  }
}

/** Runs `code` with a recording sink; returns the batches, the result and when it ended. */
function runLive(code: string, extra: Partial<LaneJob> = {}) {
  const batches: Batch[] = []
  const control = {
    ...spinControl(),
    streamLogs: (from: number, entries: LogEntry[], dropped: number) =>
      batches.push({ from, entries, dropped, at: performance.now() }),
  }
  const { result } = runToEnd(runner, job(code, extra), control)
  return { batches, result, endedAt: performance.now() }
}

/** The lines of the batches in order, checking that each starts where the last ended. */
function joined(batches: Batch[]): string[] {
  const texts: string[] = []
  for (const batch of batches) {
    expect(batch.from).toBe(texts.length)
    texts.push(...batch.entries.map((e) => e.text))
  }
  return texts
}

beforeAll(async () => {
  runner = await QuickJSRunner.create({ laneMemoryMb: 96, variant: releaseSync })
})
afterAll(() => runner.dispose())

describe('live console lines from a lane', () => {
  it('a run logging from a timer sends each line before it waits for the next, in order, long before its result', () => {
    const { batches, result, endedAt } = runLive(`
      let n = 0
      await new Promise((done) => {
        const id = setInterval(() => {
          console.log('tick ' + ++n)
          if (n === 4) { clearInterval(id); done() }
        }, 100)
      })
      return n`)
    expect(result.status).toBe('ok')
    // Each line left on its own, by the time the run waited for the next
    // (the last one may ride with the result, or leave just before it).
    const lines = joined(batches)
    expect(lines.slice(0, 3)).toEqual(['tick 1', 'tick 2', 'tick 3'])
    expect(batches.slice(0, 3).map((b) => b.entries.length)).toEqual([1, 1, 1])
    expect(endedAt - (batches[0] as Batch).at).toBeGreaterThan(250)
    // The result holds every line: what streamed is its start.
    expect(result.logs.map((e) => e.text)).toEqual(['tick 1', 'tick 2', 'tick 3', 'tick 4'])
  })

  it('a burst from busy code leaves in few batches, at most one per interval', () => {
    const started = performance.now()
    const { batches, result } = runLive(
      `const until = Date.now() + 300
       let i = 0
       while (Date.now() < until) if (i++ % 500 === 0) console.log('line ' + i)
       return i`,
      { route: 'pool' },
    )
    const elapsed = performance.now() - started
    const lines = joined(batches)
    expect(result.logs.length).toBeGreaterThan(20)
    expect(lines.length).toBeGreaterThan(0)
    expect(batches.length).toBeLessThanOrEqual(Math.ceil(elapsed / LIVE_LOG_INTERVAL_MS) + 1)
    expect(lines).toEqual(result.logs.slice(0, lines.length).map((e) => e.text))
  })

  it('a line followed by a long computation leaves while the run computes (the interrupt poll)', () => {
    const { batches, endedAt } = runLive(
      `console.log('before')
       const until = Date.now() + 400
       while (Date.now() < until) {}
       return 1`,
      { route: 'pool' },
    )
    expect(joined(batches)).toEqual(['before'])
    expect(endedAt - (batches[0] as Batch).at).toBeGreaterThan(200)
  })

  it('streams within the log budget, counting the drops, never more than the result holds', () => {
    const { batches, result } = runLive(
      `for (let i = 0; i < ${LIMITS.maxLogEntries + 50}; i++) {
         console.log(i)
         if (i % 100 === 0) await new Promise((r) => setTimeout(r, 1))
       }`,
    )
    const lines = joined(batches)
    expect(lines.length).toBeLessThanOrEqual(LIMITS.maxLogEntries)
    expect(result.logs).toHaveLength(LIMITS.maxLogEntries)
    expect(result.droppedLogs).toBe(50)
    expect(lines).toEqual(result.logs.slice(0, lines.length).map((e) => e.text))
    for (const batch of batches) expect(batch.dropped).toBeLessThanOrEqual(50)
  })

  it('a run that did not ask for live lines sends none', () => {
    const { batches, result } = runLive(
      `console.log('a'); await new Promise((r) => setTimeout(r, 20)); console.log('b')`,
      { liveLogs: false },
    )
    expect(batches).toEqual([])
    expect(result.logs.map((e) => e.text)).toEqual(['a', 'b'])
  })

  it('marks where a line holds objects, so a window can show them as trees', () => {
    const { result } = runLive(
      `console.error('failed:', new Error('boom'), 7, { a: [1, 2] }, () => 1, new Map([[1, 'x']]))`,
      { liveLogs: false, route: 'pool' },
    )
    const [entry] = result.logs
    const spans = entry?.spans ?? []
    expect(spans).toHaveLength(6)
    const values = []
    for (let i = 0; i < spans.length; i += 2)
      values.push(JSON.parse((entry as LogEntry).text.slice(spans[i], spans[i + 1])))
    expect(values[0]['[Error]']).toMatchObject({ name: 'Error', message: 'boom' })
    expect(values[0]['[Error]'].stack).toContain('\n')
    expect(values[1]).toEqual({ a: [1, 2] })
    expect(values[2]).toEqual({ '[Map]': [[1, 'x']] })
    // A plain line has none.
    const plain = runLive(`console.log('x', 1, null)`, { liveLogs: false, route: 'pool' })
    expect(plain.result.logs[0]).toEqual({ level: 'log', text: 'x 1 null', at: expect.any(Number) })
  })
})

describe('LogStream', () => {
  it('sends only what waits, from where the last batch ended, and nothing when nothing waits', () => {
    const logs = new LogCollector()
    const sent: [number, string[], number][] = []
    const stream = new LogStream(
      logs,
      (from, entries, dropped) => sent.push([from, entries.map((e) => e.text), dropped]),
      0,
    )
    logs.add('log', 'a', 1)
    stream.poll(LIVE_LOG_INTERVAL_MS - 1)
    expect(sent).toEqual([])
    stream.poll(LIVE_LOG_INTERVAL_MS)
    logs.add('log', 'b', 1)
    logs.add('log', 'c', 1)
    stream.poll(LIVE_LOG_INTERVAL_MS + 1)
    stream.flush(LIVE_LOG_INTERVAL_MS + 2)
    stream.flush(LIVE_LOG_INTERVAL_MS + 3)
    logs.dropped++
    stream.flush(LIVE_LOG_INTERVAL_MS + 4)
    expect(sent).toEqual([
      [0, ['a'], 0],
      [1, ['b', 'c'], 0],
      [3, [], 1],
    ])
  })
})
