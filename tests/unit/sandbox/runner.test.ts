import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import releaseSync from '@jitl/quickjs-wasmfile-release-sync'
import type { LaneJob, LaneResult, ResolvedLimits } from '../../../src/protocol/host-messages'
import { LIMITS } from '../../../src/protocol/settings'
import { QuickJSRunner } from '../../../src/sandbox/quickjs-runner'
import type { FinishedRun } from './run-to-end'
import { runToEnd, spinControl } from './run-to-end'

const DEFAULT_LIMITS: ResolvedLimits = { runTimeoutMs: 2000, memoryMb: 64, stackKb: 1024 }

const controlFor = spinControl

let runner: QuickJSRunner
let seq = 0

function job(code: string, extra: Partial<LaneJob> = {}): LaneJob {
  return { runId: `run-${++seq}`, lane: 0, code, route: 'pool', limits: DEFAULT_LIMITS, ...extra }
}

function newRunner(): Promise<QuickJSRunner> {
  return QuickJSRunner.create({ laneMemoryMb: 96, variant: releaseSync })
}

/** Runs a job; like a lane, replaces the runner when the report asks for it. */
async function run(
  code: string,
  extra: Partial<LaneJob> = {},
  control = controlFor(),
): Promise<FinishedRun> {
  const report = runToEnd(runner, job(code, extra), control)
  if (report.replaceLane) runner = await newRunner()
  if (report.renewEngine) await runner.renew()
  return report
}

function value(result: LaneResult): unknown {
  expect(result.error).toBeUndefined()
  expect(result.status).toBe('ok')
  return result.valueJson === undefined ? undefined : JSON.parse(result.valueJson)
}

beforeAll(async () => {
  runner = await newRunner()
})

afterAll(() => {
  runner.dispose()
})

describe('QuickJSRunner (release-sync, in-process)', () => {
  it('returns the value of a pool run, with its input', async () => {
    const { result, recycled, replaceLane } = await run('return { sum: input.a + input.b }', {
      input: '{"a": 40, "b": 2}',
    })
    expect(value(result)).toEqual({ sum: 42 })
    expect(result).toMatchObject({
      runId: `run-${seq}`,
      lane: 0,
      route: 'pool',
      logs: [],
      droppedLogs: 0,
    })
    expect(result.runMs).toBeGreaterThan(0)
    expect(recycled).toBeUndefined()
    expect(replaceLane).toBeUndefined()
  })

  it('gives undefined input when none is sent, and no value for a bare return', async () => {
    expect(value((await run('return typeof input')).result)).toBe('undefined')
    const { result } = await run('const x = 1')
    expect(result.status).toBe('ok')
    expect(result.valueJson).toBeUndefined()
  })

  it('captures console output with its level, text and time', async () => {
    const before = Date.now()
    const { result } = await run(
      [
        'console.log("plain", 1, { a: [1, 2] })',
        'console.info("info")',
        'console.warn("warn")',
        'console.error("error", null, undefined)',
        'console.debug("debug", 10n)',
      ].join('\n'),
    )
    expect(result.logs.map(({ level, text }) => ({ level, text }))).toEqual([
      { level: 'log', text: 'plain 1 {"a":[1,2]}' },
      { level: 'info', text: 'info' },
      { level: 'warn', text: 'warn' },
      { level: 'error', text: 'error null undefined' },
      { level: 'debug', text: 'debug 10n' },
    ])
    for (const entry of result.logs) {
      expect(entry.at).toBeGreaterThanOrEqual(before)
      expect(entry.at).toBeLessThanOrEqual(Date.now())
    }
  })

  it('reports a thrown error with its name and the user line and column', async () => {
    const { result } = await run('const a = 1\nconst b = 2\n  null.x')
    expect(result.status).toBe('error')
    expect(result.error).toMatchObject({
      type: 'ScriptError',
      name: 'TypeError',
      message: "cannot read property 'x' of null",
      line: 3,
      column: 7,
    })
    expect(result.error?.stack).toMatch(/script\.js:3:7/)
  })

  it('corrects columns on line 1 for the wrapper, on both routes', async () => {
    const pool = (await run('null.x')).result
    expect(pool.error).toMatchObject({ type: 'ScriptError', line: 1, column: 5 })
    const loop = (await run('await 0; null.x', { route: 'loop' })).result
    expect(loop.error).toMatchObject({ type: 'ScriptError', line: 1, column: 14 })
    const custom = (await run('throw new RangeError("too far")')).result
    expect(custom.error).toMatchObject({
      type: 'ScriptError',
      name: 'RangeError',
      message: 'too far',
      line: 1,
    })
    expect(custom.error?.column).toBeLessThanOrEqual('throw new RangeError("too far")'.length)
  })

  it('reports a thrown non-Error as ScriptError', async () => {
    expect((await run('throw "boom"')).result.error).toMatchObject({
      type: 'ScriptError',
      message: 'Uncaught boom',
    })
    expect((await run('throw { code: 7 }')).result.error).toMatchObject({
      type: 'ScriptError',
      message: 'Uncaught {"code":7}',
    })
  })

  it('reports a SyntaxError at compile time with its line', async () => {
    const { result, recycled } = await run('const a = 1\nconst b = 2\nconst = 3')
    expect(result.error).toMatchObject({ type: 'SyntaxError', name: 'SyntaxError', line: 3 })
    expect(result.error?.message).toMatch(/variable name expected/)
    expect(recycled).toBeUndefined()
  })

  it('reports a SyntaxError thrown at run time (JSON.parse) as the script error it is', async () => {
    const { result } = await run('return JSON.parse("{")')
    expect(result.error).toMatchObject({ type: 'ScriptError', name: 'SyntaxError', line: 1 })
  })

  it('interrupts an endless loop at its deadline and recycles the runtime', async () => {
    const started = performance.now()
    const { result, recycled, replaceLane } = await run('let i = 0\nwhile (true) { i++ }', {
      limits: { ...DEFAULT_LIMITS, runTimeoutMs: 100 },
    })
    const elapsedMs = performance.now() - started
    expect(result.error).toEqual({
      type: 'TimeoutError',
      cause: 'interrupt',
      message: 'The run exceeded its 100 ms limit and was interrupted',
    })
    expect(result.valueJson).toBeUndefined()
    expect(elapsedMs).toBeGreaterThanOrEqual(99)
    expect(elapsedMs).toBeLessThan(100 + 250)
    expect(recycled).toBe('interrupted')
    expect(replaceLane).toBeUndefined()
    // The recycled runtime works.
    expect(value((await run('return 7')).result)).toBe(7)
  })

  it('interrupts an endless loop on the event loop, and a microtask flood', async () => {
    const timer = await run('await null\nwhile (true) {}', {
      route: 'loop',
      limits: { ...DEFAULT_LIMITS, runTimeoutMs: 60 },
    })
    expect(timer.result.error).toMatchObject({ type: 'TimeoutError', cause: 'interrupt' })
    const flood = await run(
      'const spin = () => Promise.resolve().then(spin)\nspin()\nreturn new Promise(() => {})',
      {
        route: 'loop',
        limits: { ...DEFAULT_LIMITS, runTimeoutMs: 60 },
      },
    )
    expect(flood.result.error).toMatchObject({ type: 'TimeoutError', cause: 'interrupt' })
    // Jobs left behind: a new runtime, or (when freeing the old one aborts the module) a new
    // engine in the same lane; never a replaced lane.
    for (const report of [timer, flood]) {
      expect(report.recycled).toMatch(/^(interrupted|engine-renewed)$/)
      expect(report.replaceLane).toBeUndefined()
    }
    expect(value((await run('return "next"')).result)).toBe('next')
  })

  it('reports a timeout, not a panic, when the deadline passes before the user code starts', async () => {
    // The first interrupt poll comes in the prelude; the control holds it there
    // until the 10 ms deadline has passed.
    let firstPoll = true
    const slowFirstPoll = controlFor(() => {
      if (firstPoll) {
        firstPoll = false
        const until = performance.now() + 20
        while (performance.now() < until) {
          // hold the poll past the deadline
        }
      }
      return false
    })
    const { result, replaceLane } = await run(
      'return 1',
      { limits: { ...DEFAULT_LIMITS, runTimeoutMs: 10 } },
      slowFirstPoll,
    )
    expect(result.error).toMatchObject({ type: 'TimeoutError', cause: 'interrupt' })
    expect(replaceLane).toBeUndefined()
    expect(value((await run('return "next"')).result)).toBe('next')
  })

  it('runs timers in due order on the loop route, microtasks first', async () => {
    const { result } = await run(
      [
        'const order = []',
        'setTimeout(() => order.push("t30"), 30)',
        'setTimeout(() => order.push("t10"), 10)',
        'setTimeout((a, b) => order.push("t0:" + a + b), 0, "x", "y")',
        'queueMicrotask(() => order.push("micro"))',
        'Promise.resolve().then(() => order.push("then"))',
        'order.push("sync")',
        'await new Promise((resolve) => setTimeout(resolve, 40))',
        'return order',
      ].join('\n'),
      { route: 'loop' },
    )
    expect(value(result)).toEqual(['sync', 'micro', 'then', 't0:xy', 't10', 't30'])
    expect(result.route).toBe('loop')
  })

  it('keeps timer delays: a later timer never fires before its time', async () => {
    const { result } = await run(
      'const start = Date.now()\nawait new Promise((r) => setTimeout(r, 50))\nreturn Date.now() - start',
      { route: 'loop' },
    )
    const waited = value(result) as number
    expect(waited).toBeGreaterThanOrEqual(49)
    expect(waited).toBeLessThan(50 + 200)
  })

  it('repeats setInterval until clearInterval, and clearTimeout cancels', async () => {
    const { result } = await run(
      [
        'let ticks = 0',
        'const cancelled = setTimeout(() => { ticks = -100 }, 5)',
        'clearTimeout(cancelled)',
        'await new Promise((resolve) => {',
        '  const id = setInterval(() => {',
        '    ticks++',
        '    if (ticks === 3) { clearInterval(id); resolve() }',
        '  }, 5)',
        '})',
        'await new Promise((r) => setTimeout(r, 30))',
        'return ticks',
      ].join('\n'),
      { route: 'loop' },
    )
    expect(value(result)).toBe(3)
  })

  it('reports an uncaught error thrown by a timer callback', async () => {
    const { result } = await run(
      'setTimeout(() => { throw new TypeError("late") }, 1)\nawait new Promise(() => {})',
      {
        route: 'loop',
      },
    )
    expect(result.error).toMatchObject({
      type: 'ScriptError',
      name: 'TypeError',
      message: 'late',
      line: 1,
    })
  })

  it('reports a rejected promise as ScriptError', async () => {
    const { result } = await run('await null\nthrow new Error("rejected")', { route: 'loop' })
    expect(result.error).toMatchObject({
      type: 'ScriptError',
      name: 'Error',
      message: 'rejected',
      line: 2,
    })
  })

  it('ends a promise that can never settle with a clear error instead of waiting', async () => {
    const started = performance.now()
    const { result } = await run('await new Promise(() => {})', { route: 'loop' })
    expect(performance.now() - started).toBeLessThan(500)
    expect(result.error).toMatchObject({
      type: 'ScriptError',
      message: 'The returned promise can never settle: no timer is pending and no job is left',
    })
  })

  it('settles a promise on the loop after the run has logged', async () => {
    const { result } = await run('console.log("first")\nawait null\nreturn { later: true }', {
      route: 'loop',
    })
    expect(value(result)).toEqual({ later: true })
    expect(result.logs.map((l) => l.text)).toEqual(['first'])
  })

  it('continues a pool run that returns a promise on the loop', async () => {
    const { result } = await run(
      'return new Promise((resolve) => setTimeout(() => resolve("later"), 5))',
    )
    expect(value(result)).toBe('later')
    expect(result.route).toBe('loop')
  })

  it('converts results to JSON: cycles, functions, BigInt, undefined, Map, Set, Date, Error', async () => {
    const { result } = await run(
      [
        'const cyclic = { name: "root" }',
        'cyclic.self = cyclic',
        'return {',
        '  cyclic,',
        '  named: function helper() {},',
        '  arrow: () => 1,',
        '  big: 10n,',
        '  missing: undefined,',
        '  list: [1, undefined, NaN, Infinity],',
        '  map: new Map([["k", { v: 1 }]]),',
        '  set: new Set([1, "two"]),',
        '  date: new Date(0),',
        '  bad: new Date(NaN),',
        '  error: new TypeError("nope"),',
        '  bytes: new Uint8Array([1, 2]),',
        '  sym: Symbol("s"),',
        '}',
      ].join('\n'),
    )
    const converted = value(result) as Record<string, unknown>
    expect(converted).toMatchObject({
      cyclic: { name: 'root', self: '[Circular]' },
      named: '[Function helper]',
      arrow: '[Function arrow]',
      big: '10n',
      missing: '[undefined]',
      list: [1, '[undefined]', 'NaN', 'Infinity'],
      map: { '[Map]': [['k', { v: 1 }]] },
      set: { '[Set]': [1, 'two'] },
      date: '1970-01-01T00:00:00.000Z',
      bad: '[Invalid Date]',
      error: { '[Error]': { name: 'TypeError', message: 'nope' } },
      bytes: { '[Uint8Array]': [1, 2] },
      sym: '[Symbol(s)]',
    })
    expect(value((await run('return 10n')).result)).toBe('10n')
    expect(value((await run('return [undefined]')).result)).toEqual(['[undefined]'])
  })

  it('shows a shared (not cyclic) object twice', async () => {
    expect(value((await run('const shared = { a: 1 }\nreturn [shared, shared]')).result)).toEqual([
      { a: 1 },
      { a: 1 },
    ])
  })

  it('keeps 1000 log entries and counts the rest as dropped', async () => {
    const { result } = await run(
      'for (let i = 0; i < 1500; i++) console.log("line", i)\nreturn "done"',
    )
    expect(value(result)).toBe('done')
    expect(result.logs).toHaveLength(LIMITS.maxLogEntries)
    expect(result.droppedLogs).toBe(500)
    expect(result.logs.at(-1)?.text).toBe('line 999')
  })

  it('keeps at most 256 KiB of log text, counted as JSON', async () => {
    const { result } = await run(
      'const line = "x".repeat(1000)\nfor (let i = 0; i < 300; i++) console.warn(line)',
    )
    const kept = result.logs.length
    expect(kept).toBeGreaterThan(200)
    const bytes = result.logs.reduce(
      (sum, { level, at, text }) => sum + JSON.stringify([level, at, text]).length + 1,
      0,
    )
    expect(bytes).toBeLessThanOrEqual(LIMITS.maxLogBytes)
    expect(kept + result.droppedLogs).toBe(300)
  })

  it('refuses a result over 5 MiB as ResultError', async () => {
    const { result } = await run('return "x".repeat(6 * 1024 * 1024)')
    expect(result.status).toBe('error')
    expect(result.error).toEqual({
      type: 'ResultError',
      message: 'The result is 6.0 MB as JSON; the limit is 5.0 MB',
    })
    expect(result.valueJson).toBeUndefined()
  })

  it('refuses a result nested too deeply to show as ResultError', async () => {
    const { result } = await run('let v = []\nfor (let i = 0; i < 1200; i++) v = [v]\nreturn v')
    expect(result.error).toMatchObject({ type: 'ResultError' })
    expect(result.error?.message).toMatch(/deeper than 1000 levels/)
  })

  it('lets no run see what an earlier run left behind', async () => {
    const first = await run(
      [
        'globalThis.x = "leaked"',
        'Object.prototype.polluted = "yes"',
        'Array.prototype.push = () => 0',
        'JSON.stringify = () => "hacked"',
        'console.log = () => {}',
        'setTimeout(() => {}, 60000)',
        'return 1',
      ].join('\n'),
    )
    expect(value(first.result)).toBe(1)
    const second = await run(
      [
        'console.log("still logging")',
        'const a = []',
        'a.push(1)',
        'return [typeof globalThis.x, typeof ({}).polluted, a.length, JSON.stringify({ ok: true })]',
      ].join('\n'),
    )
    expect(value(second.result)).toEqual(['undefined', 'undefined', 1, '{"ok":true}'])
    expect(second.result.logs.map((l) => l.text)).toEqual(['still logging'])
  })

  it('a script that breaks JSON or the console breaks only itself', async () => {
    const { result } = await run(
      'JSON.stringify = () => { throw new Error("no") }\nconsole.log({ a: 1 })\nreturn { a: 1 }',
    )
    expect(value(result)).toEqual({ a: 1 })
    expect(result.logs[0]?.text).toBe('{"a":1}')
  })

  it('stops a running pool run when the control says so', async () => {
    const stopAt = performance.now() + 50
    const started = performance.now()
    const { result, recycled } = await run(
      'while (true) {}',
      {},
      controlFor(() => performance.now() >= stopAt),
    )
    expect(result.error).toEqual({ type: 'CancelledError', message: 'Stopped while running' })
    expect(performance.now() - started).toBeLessThan(1000)
    expect(recycled).toBe('cancelled')
    expect(value((await run('return "after"')).result)).toBe('after')
  })

  it('stops a loop run sleeping on a timer when the control says so', async () => {
    const stopAt = performance.now() + 50
    const started = performance.now()
    const { result } = await run(
      'await new Promise((r) => setTimeout(r, 10000))\nreturn "woke"',
      { route: 'loop' },
      controlFor(() => performance.now() >= stopAt),
    )
    expect(result.error).toMatchObject({ type: 'CancelledError' })
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('stops a run that was cancelled before it began, as CancelledError', async () => {
    const { result, replaceLane } = await run(
      'return 1',
      {},
      controlFor(() => true),
    )
    expect(result.error).toMatchObject({ type: 'CancelledError' })
    expect(replaceLane).toBeUndefined()
  })

  it('keeps working after many runs', async () => {
    for (let i = 0; i < 50; i++) expect(value((await run(`return ${i} * 2`)).result)).toBe(i * 2)
  })
})
