// The event-loop trace through the real engine, in-process: what a traced run
// records, in what order, its bounds, and that an untraced run records nothing.
import releaseSync from '@jitl/quickjs-wasmfile-release-sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LaneJob, ResolvedLimits } from '../../../src/protocol/host-messages'
import type { TraceEvent } from '../../../src/protocol/trace'
import { MAX_TRACE_EVENTS, MAX_TRACE_TEXT_BYTES } from '../../../src/protocol/trace'
import { QuickJSRunner } from '../../../src/sandbox/quickjs-runner'
import type { FinishedRun } from './run-to-end'
import { runToEnd, spinControl } from './run-to-end'

const LIMITS: ResolvedLimits = { runTimeoutMs: 2000, memoryMb: 64, stackKb: 1024 }

let runner: QuickJSRunner
let seq = 0

async function run(code: string, extra: Partial<LaneJob> = {}): Promise<FinishedRun> {
  const job: LaneJob = {
    runId: `trace-${++seq}`,
    lane: 0,
    code,
    route: 'loop',
    limits: LIMITS,
    trace: true,
    ...extra,
  }
  const report = runToEnd(runner, job, spinControl())
  if (report.replaceLane)
    runner = await QuickJSRunner.create({ laneMemoryMb: 96, variant: releaseSync })
  if (report.renewEngine) await runner.renew()
  return report
}

/** The events as short strings, `at` left out: the order is what the tests check. */
function shape(events: TraceEvent[]): string[] {
  return events.map((event) => {
    switch (event.kind) {
      case 'timer-set':
        return `timer-set #${event.timer} ${event.delayMs}ms${event.line ? ` line ${event.line}` : ''}`
      case 'timer-fired':
        return `timer-fired #${event.timer}${event.line ? ` line ${event.line}` : ''}`
      case 'jobs':
        return `jobs ${event.count === undefined ? '?' : event.count > 100 ? 'many' : event.count}`
      case 'log':
        return `log ${event.text}`
      case 'limit':
        return `limit ${event.limit}`
      case 'settled':
        return `settled ${event.status}${event.errorType ? ` ${event.errorType}` : ''}`
      default:
        return event.kind
    }
  })
}

beforeAll(async () => {
  runner = await QuickJSRunner.create({ laneMemoryMb: 96, variant: releaseSync })
})

afterAll(() => {
  runner.dispose()
})

describe('event-loop trace', () => {
  it('records the sync part, timers, job batches and console lines in the order they happened', async () => {
    const { result } = await run(
      [
        'console.log("sync")',
        'setTimeout(() => {',
        '  console.log("timer 1")',
        '  Promise.resolve().then(() => console.log("micro from timer 1"))',
        '}, 0)',
        'setTimeout(() => console.log("timer 2"), 0)',
        'Promise.resolve().then(() => console.log("micro"))',
        'await new Promise((resolve) => setTimeout(resolve, 5))',
        'return "done"',
      ].join('\n'),
    )
    expect(result.status).toBe('ok')
    expect(result.trace?.dropped).toBe(0)
    expect(shape(result.trace?.events ?? [])).toEqual([
      'sync-start',
      'log sync',
      'timer-set #1 0ms line 2',
      'timer-set #2 0ms line 6',
      'timer-set #3 5ms line 8',
      'sync-end',
      'jobs 1',
      'log micro',
      'timer-fired #1 line 2',
      'log timer 1',
      // Promise jobs run between two timers, as in a browser or Node.
      'jobs 1',
      'log micro from timer 1',
      'timer-fired #2 line 6',
      'log timer 2',
      'timer-fired #3 line 8',
      'jobs 1',
      'settled ok',
    ])
    const times = (result.trace?.events ?? []).map((event) => event.at)
    expect(times).toEqual([...times].sort((a, b) => a - b))
    expect(times[0]).toBeGreaterThanOrEqual(0)
    expect(times.at(-1)).toBeLessThanOrEqual(result.runMs)
  })

  it('a timer cleared by one that fell due with it never fires', async () => {
    const { result } = await run(
      'let second\nsetTimeout(() => clearTimeout(second), 0)\nsecond = setTimeout(() => console.log("no"), 0)\nawait new Promise((r) => setTimeout(r, 5))',
    )
    expect(result.logs).toEqual([])
    const fired = (result.trace?.events ?? []).filter((event) => event.kind === 'timer-fired')
    expect(fired.map((event) => event.kind === 'timer-fired' && event.timer)).toEqual([1, 3])
  })

  it('says nothing when the run did not ask: no trace field, the same result', async () => {
    const code = 'setTimeout(() => console.log("t"), 0)\nawait null\nreturn 1'
    const untraced = await run(code, { trace: undefined })
    expect(untraced.result.trace).toBeUndefined()
    expect('trace' in untraced.result).toBe(false)
    const traced = await run(code)
    expect(untraced.result.valueJson).toBe(traced.result.valueJson)
    expect(untraced.result.logs.map((l) => l.text)).toEqual(traced.result.logs.map((l) => l.text))
  })

  it('traces a pool run too: its sync part and its end', async () => {
    const { result } = await run('console.log("hi")\nreturn 2', { route: 'pool' })
    expect(shape(result.trace?.events ?? [])).toEqual([
      'sync-start',
      'log hi',
      'sync-end',
      'settled ok',
    ])
  })

  it('keeps at most MAX_TRACE_EVENTS events, counts the rest, and always keeps how it ended', async () => {
    const { result } = await run(
      'for (let i = 0; i < 1500; i++) setTimeout(() => {}, 60000 + i)\nawait new Promise(() => {})',
    )
    const trace = result.trace
    expect(trace).toBeDefined()
    if (!trace) return
    // 999 timers set after sync-start fill the trace; the 1,001st timer is refused by the
    // timers' cap: that limit is kept past the trace's cap, and so is the end.
    expect(trace.events.length).toBe(MAX_TRACE_EVENTS + 2)
    expect(trace.dropped).toBeGreaterThan(0)
    expect(shape(trace.events.slice(0, 2))).toEqual(['sync-start', 'timer-set #1 60000ms line 1'])
    expect(shape(trace.events.slice(-2))).toEqual(['limit timers', 'settled error ScriptError'])
    expect(result.error?.name).toBe('RangeError')
  })

  it('records the cap on pending timers as a limit', async () => {
    const { result } = await run(
      'let refused = 0\nfor (let i = 0; i < 1001; i++) try { setTimeout(() => {}, 60000) } catch { refused++ }\nreturn refused',
      { route: 'pool' },
    )
    const events = result.trace?.events ?? []
    const limits = events.filter((event) => event.kind === 'limit')
    expect(limits).toHaveLength(1)
    expect(limits[0]).toMatchObject({ kind: 'limit', limit: 'timers' })
    expect(result.valueJson).toBe('1')
  })

  it('ends with the interrupt that stopped the run', async () => {
    const { result } = await run(
      'setTimeout(() => { while (true) {} }, 1)\nawait new Promise(() => {})',
      {
        limits: { ...LIMITS, runTimeoutMs: 100 },
      },
    )
    expect(result.error?.type).toBe('TimeoutError')
    expect(shape(result.trace?.events ?? [])).toEqual([
      'sync-start',
      'timer-set #1 1ms line 1',
      'sync-end',
      'timer-fired #1 line 1',
      'limit deadline',
      'settled error TimeoutError',
    ])
  })

  it('shows a promise that can never settle: the jobs ran dry, no timer left', async () => {
    const { result } = await run(
      'async function never() { await new Promise(() => {}) }\nawait Promise.resolve()\nawait never()',
    )
    expect(result.error?.message).toMatch(/can never settle/)
    expect(shape(result.trace?.events ?? [])).toEqual([
      'sync-start',
      'sync-end',
      'jobs 1',
      'settled error ScriptError',
    ])
  })

  it('an interrupted job batch says how many jobs ran, and for how long', async () => {
    const { result } = await run(
      'const again = () => Promise.resolve().then(again)\nagain()\nawait new Promise(() => {})',
      { limits: { ...LIMITS, runTimeoutMs: 100 } },
    )
    // The interrupt lands inside a job (which QuickJS turns into a rejection, and the batch
    // goes on with its count) or between jobs (the batch ends in an error, and QuickJS
    // returns no count): which one depends on timing.
    const events = shape(result.trace?.events ?? [])
    expect(events.map((e) => (e === 'jobs ?' ? 'jobs many' : e))).toEqual([
      'sync-start',
      'sync-end',
      'jobs many',
      'limit deadline',
      'settled error TimeoutError',
    ])
    const batch = result.trace?.events[2]
    expect(batch?.kind === 'jobs' && batch.ms).toBeGreaterThan(50)
  })

  it('cuts a console line in the trace; the whole line stays in the logs', async () => {
    const { result } = await run('console.log("x".repeat(5000))\nawait null')
    const log = result.trace?.events.find((event) => event.kind === 'log')
    expect(log?.kind === 'log' && Buffer.byteLength(JSON.stringify(log.text))).toBeLessThanOrEqual(
      MAX_TRACE_TEXT_BYTES,
    )
    expect(result.logs[0]?.text).toHaveLength(5000)
  })

  it('a script can neither reach the recorder nor forge timer events', async () => {
    const { result } = await run(
      [
        'const seen = [typeof trace, typeof host, typeof B]',
        // Its own setTimeout is its own function: no timer is set, none recorded.
        'globalThis.setTimeout = () => 99',
        'setTimeout(() => {}, 5)',
        // A function whose name looks like a stack frame cannot point a line outside the code.
        'const o = { ["f (script.js:999:1)\\n    at g"]() { return setInterval(() => {}, 1000) } }',
        'clearInterval(o["f (script.js:999:1)\\n    at g"]())',
        'await null',
        'return seen',
      ].join('\n'),
    )
    expect(JSON.parse(result.valueJson ?? 'null')).toEqual(['undefined', 'undefined', 'undefined'])
    const timers = (result.trace?.events ?? []).filter((event) => event.kind === 'timer-set')
    expect(timers).toHaveLength(1)
    const line = timers[0]?.kind === 'timer-set' ? timers[0].line : undefined
    expect(line === undefined || line <= 7).toBe(true)
  })
})
