import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import debugSync from '@jitl/quickjs-wasmfile-debug-sync'
import { newQuickJSWASMModuleFromVariant, TestQuickJSWASMModule } from 'quickjs-emscripten-core'
import type { LaneJob } from '../../../src/protocol/host-messages'
import type { RunControl } from '../../../src/sandbox/quickjs-runner'
import { QuickJSRunner } from '../../../src/sandbox/quickjs-runner'
import type { FinishedRun } from './run-to-end'
import { runToEnd } from './run-to-end'

// The debug-sync build asserts on every leaked object when a runtime is freed,
// and TestQuickJSWASMModule counts runtimes left alive: together they show that
// the runner disposes every handle it makes, on every path.

let module: TestQuickJSWASMModule
let seq = 0

function control(stopAfterMs?: number): RunControl {
  const stopAt = stopAfterMs === undefined ? Infinity : performance.now() + stopAfterMs
  const isCancelled = (): boolean => performance.now() >= stopAt
  return {
    isCancelled,
    sleep: (ms) => {
      const until = performance.now() + ms
      while (performance.now() < until && !isCancelled()) {
        // spin: the test runs in one thread
      }
    },
  }
}

function job(code: string, extra: Partial<LaneJob> = {}): LaneJob {
  return {
    runId: `leak-${++seq}`,
    lane: 0,
    code,
    route: 'pool',
    // The debug build compiles about a thousand times slower than the release one.
    limits: { runTimeoutMs: 120_000, memoryMb: 64, stackKb: 1024 },
    ...extra,
  }
}

beforeAll(async () => {
  module = new TestQuickJSWASMModule(await newQuickJSWASMModuleFromVariant(debugSync))
})

afterAll(() => {
  module.disposeAll()
})

describe('QuickJSRunner (debug-sync): no handle left behind', () => {
  it('frees everything it allocated across runs of every kind', () => {
    const runner = QuickJSRunner.fromModule(module, 1024)
    const reports: [string, FinishedRun][] = []
    const run = (code: string, extra: Partial<LaneJob> = {}, ctl = control()): FinishedRun => {
      const report = runToEnd(runner, job(code, extra), ctl)
      reports.push([code, report])
      return report
    }

    expect(run('return { a: input.a, list: [1, 2] }', { input: '{"a": 1}' }).result.valueJson).toBe(
      '{"a":1,"list":[1,2]}',
    )
    expect(run('console.log("x", { y: 1 }); console.error("e")').result.logs).toHaveLength(2)
    expect(run('const a = 1\nnull.x').result.error).toMatchObject({ type: 'ScriptError', line: 2 })
    expect(run('const = 1').result.error).toMatchObject({ type: 'SyntaxError' })
    expect(run('throw "plain"').result.error).toMatchObject({ type: 'ScriptError' })
    const converted = run(
      'const o = { m: new Map([[1, 2]]), s: new Set([3]), d: new Date(0), e: new Error("x"), f() {}, b: 1n }\no.o = o\nreturn o',
    )
    expect(converted.result.status).toBe('ok')
    expect(
      run(
        'const out = []\nsetTimeout(() => out.push(2), 30)\nconst id = setInterval(() => { out.push(1); clearInterval(id) }, 1)\nawait new Promise((r) => setTimeout(r, 40))\nreturn out.sort()',
        { route: 'loop' },
      ).result.valueJson,
    ).toBe('[1,2]')
    expect(run('await new Promise(() => {})', { route: 'loop' }).result.error?.message).toMatch(
      /never settle/,
    )
    const traced = run(
      'console.log("a")\nsetTimeout(() => {}, 1)\nawait new Promise((r) => setTimeout(r, 2))',
      { route: 'loop', trace: true },
    )
    expect(traced.result.trace?.events.map((event) => event.kind)).toContain('timer-fired')
    expect(
      run('setTimeout(() => { throw new Error("t") }, 1)\nawait new Promise(() => {})', {
        route: 'loop',
      }).result.error,
    ).toMatchObject({ type: 'ScriptError', message: 't' })
    expect(run('return new Promise((r) => setTimeout(() => r(5), 1))').result.valueJson).toBe('5')
    expect(run('return "x".repeat(6 * 1024 * 1024)').result.error?.type).toBe('ResultError')
    const flooded = run(
      'const big = "x".repeat(50000)\nfor (let i = 0; i < 20; i++) console.log(big)',
    )
    expect(flooded.result.droppedLogs).toBeGreaterThan(0)
    expect(flooded.result.logs.length + flooded.result.droppedLogs).toBe(20)
    expect(run('setTimeout(() => {}, 60000)\nreturn 1').result.valueJson).toBe('1')
    expect(
      run('while (true) {}', { limits: { runTimeoutMs: 150, memoryMb: 64, stackKb: 1024 } }).result
        .error,
    ).toMatchObject({
      type: 'TimeoutError',
    })
    expect(run('while (true) {}', {}, control(150)).result.error).toMatchObject({
      type: 'CancelledError',
    })

    // No run needed a new lane: no dispose ever aborted on a leaked object.
    for (const [code, report] of reports)
      expect({ code, replaceLane: report.replaceLane }).toEqual({ code, replaceLane: undefined })

    runner.dispose()
    // Every runtime the runner made (one, plus one per recycle) is gone. The
    // module's newRuntime drops TestQuickJSWASMModule's lifetime hook, so its
    // set never shrinks by itself: check each runtime, then clear the set.
    expect(module.runtimes.size).toBeGreaterThanOrEqual(1)
    for (const runtime of module.runtimes) expect(runtime.alive).toBe(false)
    module.runtimes.clear()
    expect(() => module.assertNoMemoryAllocated()).not.toThrow()
  }, 300_000)
  it('has teeth: a leaked handle makes freeing the runtime fail', async () => {
    // A module of its own: the failed free aborts it.
    const leaky = new TestQuickJSWASMModule(await newQuickJSWASMModuleFromVariant(debugSync))
    const runtime = leaky.newRuntime()
    const context = runtime.newContext()
    context.newObject() // never disposed
    expect(() => {
      context.dispose()
      runtime.dispose()
    }).toThrow()
  })
})
