// Hostile scripts through the real engine (release-sync QuickJS, the real
// runner): each attack must end with the exact outcome type, a result whose
// JSON stays under its documented bound, and a clean next run on the same
// runner (fresh globals, the right value).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import releaseSync from '@jitl/quickjs-wasmfile-release-sync'
import type { LaneJob, LaneResult, ResolvedLimits } from '../../src/protocol/host-messages'
import type { ErrorType } from '../../src/protocol/outcome'
import { LIMITS } from '../../src/protocol/settings'
import { QuickJSRunner } from '../../src/sandbox/quickjs-runner'
import type { FinishedRun } from '../unit/sandbox/run-to-end'
import { runToEnd, spinControl } from '../unit/sandbox/run-to-end'

const LIMITS_FOR_TESTS: ResolvedLimits = { runTimeoutMs: 3000, memoryMb: 64, stackKb: 256 }

/** The most an outcome can weigh as JSON: every bounded part at its limit, plus the frame. */
const OUTCOME_BOUND_BYTES =
  LIMITS.maxLogBytes +
  LIMITS.maxErrorNameBytes +
  LIMITS.maxErrorMessageBytes +
  LIMITS.maxErrorStackBytes +
  // JSON.stringify of the whole LaneResult escapes again what the sandbox escaped once.
  64 * 1024

let runner: QuickJSRunner
let seq = 0

async function attack(code: string, extra: Partial<LaneJob> = {}): Promise<FinishedRun> {
  const job: LaneJob = {
    runId: `attack-${++seq}`,
    lane: 0,
    code,
    route: 'pool',
    limits: LIMITS_FOR_TESTS,
    ...extra,
  }
  const finished = runToEnd(runner, job, spinControl())
  if (finished.replaceLane)
    runner = await QuickJSRunner.create({ laneMemoryMb: 160, variant: releaseSync })
  if (finished.renewEngine) await runner.renew()
  return finished
}

/** The outcome type, its bounded size, and a clean next run. */
async function expectContained(result: LaneResult, type: ErrorType | 'ok'): Promise<void> {
  if (type === 'ok') expect(result.error).toBeUndefined()
  else expect(result.error?.type).toBe(type)
  expect(Buffer.byteLength(JSON.stringify(result))).toBeLessThan(OUTCOME_BOUND_BYTES)
  const next = await attack(
    'return [typeof globalThis.leaked, typeof ({}).polluted, [1, 2].map((x) => x * 2), JSON.stringify({ a: 1 })]',
  )
  expect(next.result.error).toBeUndefined()
  expect(JSON.parse(next.result.valueJson ?? 'null')).toEqual([
    'undefined',
    'undefined',
    [2, 4],
    '{"a":1}',
  ])
}

beforeAll(async () => {
  runner = await QuickJSRunner.create({ laneMemoryMb: 160, variant: releaseSync })
})

afterAll(() => {
  runner.dispose()
})

describe('bounded outcomes', () => {
  it('a thrown string of tens of MB becomes a short message that says what it cut', async () => {
    const { result } = await attack(
      'globalThis.leaked = 1\nObject.prototype.polluted = 1\nthrow "z".repeat(20 * 1024 * 1024)',
      // Room to build the string on a busy machine: the bound is the point, not the time.
      { limits: { runTimeoutMs: 30_000, memoryMb: 128, stackKb: 256 } },
    )
    expect(result.error?.message).toMatch(
      /^Uncaught z+ … \[truncated: 20,9\d\d,\d{3} more characters\]$/,
    )
    expect(Buffer.byteLength(JSON.stringify(result.error?.message))).toBeLessThanOrEqual(
      LIMITS.maxErrorMessageBytes,
    )
    await expectContained(result, 'ScriptError')
  })

  it('control characters, six bytes each once escaped, are counted after escaping', async () => {
    const { result } = await attack(
      'const c = "\\u0001".repeat(1e6)\nconsole.log(c)\nconsole.error(c, c)\nthrow new Error(c)',
    )
    for (const entry of result.logs)
      expect(Buffer.byteLength(JSON.stringify(entry.text))).toBeLessThanOrEqual(
        LIMITS.maxLogLineBytes,
      )
    expect(Buffer.byteLength(JSON.stringify(result.error?.message))).toBeLessThanOrEqual(
      LIMITS.maxErrorMessageBytes,
    )
    expect(result.logs[0]?.text).toMatch(/ … \[truncated: [\d,]+ more characters\]$/)
    await expectContained(result, 'ScriptError')
  })

  it('an error with a huge name and a forged huge stack stays within its limits', async () => {
    const { result } = await attack(
      'const e = new TypeError("m")\ne.name = "N".repeat(1e6)\ne.stack = "    at f (script.js:1:1)\\n".repeat(1e5)\nthrow e',
    )
    expect(Buffer.byteLength(JSON.stringify(result.error?.name))).toBeLessThanOrEqual(
      LIMITS.maxErrorNameBytes,
    )
    expect(Buffer.byteLength(JSON.stringify(result.error?.stack))).toBeLessThanOrEqual(
      LIMITS.maxErrorStackBytes,
    )
    await expectContained(result, 'ScriptError')
  })

  it('a log flood keeps the entry and byte budgets and counts the rest', async () => {
    const { result } = await attack(
      'for (let i = 0; i < 5000; i++) console.log("\\u0000".repeat(5000), { i })\nreturn 1',
    )
    expect(result.logs.length + result.droppedLogs).toBe(5000)
    const bytes = result.logs.reduce(
      (sum, e) => sum + Buffer.byteLength(JSON.stringify([e.level, e.at, e.text])) + 1,
      0,
    )
    expect(bytes).toBeLessThanOrEqual(LIMITS.maxLogBytes)
    await expectContained(result, 'ok')
  })

  it('a result over the limit is a ResultError, however it is escaped', async () => {
    const { result } = await attack('return "\\u0002".repeat(1024 * 1024)')
    expect(result.error?.message).toMatch(/^The result is 6\.0 MB as JSON; the limit is 5\.0 MB$/)
    await expectContained(result, 'ResultError')
  })
})

describe('engine limits are told by the engine, not by text', () => {
  it.each([
    [
      'a forged InternalError',
      'throw Object.assign(new Error("out of memory"), { name: "InternalError" })',
    ],
    ['a plain stack overflow message', 'throw new Error("stack overflow")'],
    ['a RangeError like V8', 'throw new RangeError("Maximum call stack size exceeded")'],
    ['a SyntaxError claiming a stack overflow', 'throw new SyntaxError("stack overflow")'],
    ['an object shaped like one', 'throw { name: "InternalError", message: "out of memory" }'],
    [
      'a proxy around a real engine error',
      'let real\ntry { (function f() { f() })() } catch (e) { real = e }\nthrow new Proxy(real, { get: (t, k) => k === "message" ? "out of memory" : t[k] })',
    ],
    [
      'an object made from the engine error class, found by its name',
      'throw new (globalThis.InternalError || Error)("out of memory")',
    ],
    [
      "a new error from a real engine error's constructor",
      'let real\ntry { (function f() { f() })() } catch (e) { real = e }\nthrow new real.constructor("out of memory")',
    ],
  ])('%s is the ScriptError it is, and recycles nothing', async (_, code) => {
    const { result, recycled } = await attack(code)
    expect(result.error?.type).toBe('ScriptError')
    expect(recycled).toBeUndefined()
    await expectContained(result, 'ScriptError')
  })

  it('the engine class is out of reach', async () => {
    const { result } = await attack(
      'let real\ntry { (function f() { f() })() } catch (e) { real = e }\nreturn [typeof InternalError, real.constructor === Error, real.name]',
    )
    expect(JSON.parse(result.valueJson ?? 'null')).toEqual(['undefined', true, 'InternalError'])
  })

  it('real limits are the limit errors, caught and thrown again or not', async () => {
    const overflow = await attack('(function f() { f() })()')
    expect(overflow.result.error).toMatchObject({
      type: 'StackOverflowError',
      name: 'InternalError',
    })
    expect(overflow.recycled).toBe('stack-overflow')
    const rethrown = await attack('try { (function f() { f() })() } catch (e) { throw e }')
    expect(rethrown.result.error?.type).toBe('StackOverflowError')
    const doubling = await attack('let s = "x"\nwhile (true) s += s')
    expect(doubling.result.error).toMatchObject({
      type: 'MemoryLimitError',
      message: 'string too long',
    })
    const memory = await attack('const a = []\nfor (;;) a.push(new Array(1e5).fill(a.length))')
    expect(memory.result.error?.type).toBe('MemoryLimitError')
    await expectContained(memory.result, 'MemoryLimitError')
  })

  it('a forged stack cannot place the error outside the code', async () => {
    const { result } = await attack(
      'const e = new Error("here")\ne.stack = "    at f (script.js:99:1)\\n"\nthrow e',
    )
    expect(result.error?.line).not.toBe(99)
    await expectContained(result, 'ScriptError')
  })
})

describe("replaced built-ins change only the script's own results", () => {
  const sabotage = [
    'Map.prototype.forEach = () => { throw 1 }',
    'Map.prototype.set = () => { throw 1 }',
    'Array.prototype.push = () => { throw 1 }',
    'Array.prototype.sort = () => { throw 1 }',
    'Array.prototype[Symbol.iterator] = function* () { throw 1 }',
    'Object.defineProperty(Object.prototype, "error", { set() { throw 1 }, get() { throw 2 }, configurable: true })',
    'JSON.stringify = () => { throw 1 }',
    'JSON.parse = () => { throw 1 }',
    'Object.keys = () => { throw 1 }',
    'Date.now = () => { throw 1 }',
    'Promise.prototype.then = () => { throw 1 }',
    'Function.prototype.apply = () => { throw 1 }',
    'Function.prototype.call = () => { throw 1 }',
    'Reflect.apply = () => { throw 1 }',
    'String.prototype.slice = () => { throw 1 }',
    'String.prototype.charCodeAt = () => { throw 1 }',
    'RegExp.prototype.exec = () => { throw 1 }',
    'Object.getPrototypeOf = () => { throw 1 }',
    'Error.isError = () => true',
    'String = () => { throw 1 }',
  ].join('\n')

  it('console, timers, the serializer and the envelope keep working', async () => {
    const { result } = await attack(
      // The values are made first: after the sabotage even the script could not build a Map.
      `const shown = { m: new Map([[1, 2]]), s: new Set([3]), a: [1, 2] }\n${sabotage}\nconsole.log("before", shown)\nawait new Promise((resolve) => setTimeout(resolve, 5))\nqueueMicrotask(() => {})\nreturn { done: true, list: [1, 2], when: "ok\\u0000" }`,
      { route: 'loop' },
    )
    expect(result.error).toBeUndefined()
    expect(JSON.parse(result.valueJson ?? 'null')).toEqual({
      done: true,
      list: [1, 2],
      when: 'ok\u0000',
    })
    expect(result.logs.map((l) => l.text)).toEqual([
      'before {"m":{"[Map]":[[1,2]]},"s":{"[Set]":[3]},"a":[1,2]}',
    ])
    await expectContained(result, 'ok')
  })

  it('an error thrown after the sabotage is still the ScriptError it is', async () => {
    const { result } = await attack(`${sabotage}\nnull.x`)
    expect(result.error).toMatchObject({ type: 'ScriptError', name: 'TypeError' })
    await expectContained(result, 'ScriptError')
  })

  it("a setter on Array.prototype indices, which the engine's own JSON.stringify trips on, is a ResultError", async () => {
    // The engine's stringify pushes into arrays of its own: known, and contained.
    const { result } = await attack(
      'Object.defineProperty(Array.prototype, "0", { set() { throw 1 }, configurable: true })\nreturn { a: 1 }',
    )
    expect(result.error).toMatchObject({ type: 'ResultError' })
    await expectContained(result, 'ResultError')
  })

  it('a toJSON or getter that throws is a ResultError, never a panic', async () => {
    const { result } = await attack('return { toJSON() { throw new Error("mine") } }')
    expect(result.error).toMatchObject({ type: 'ResultError' })
    await expectContained(result, 'ResultError')
  })
})

describe('strings survive exactly', () => {
  it('NUL and every code unit in values, logs and errors', async () => {
    const { result } = await attack(
      'const s = "visible\\u0000HIDDEN \\ud800 lone \\udc00 \\u2028 \\uffff \\ud83d\\ude00"\nconsole.log(s)\nreturn s',
    )
    const expected = 'visible\u0000HIDDEN \ud800 lone \udc00 \u2028 \uffff \ud83d\ude00'
    expect(JSON.parse(result.valueJson ?? 'null')).toBe(expected)
    expect(result.logs[0]?.text).toBe(expected)
    const thrown = await attack('throw new Error("visible\\u0000HIDDEN")')
    expect(thrown.result.error?.message).toBe('visible\u0000HIDDEN')
    await expectContained(thrown.result, 'ScriptError')
  })
})

describe('jobs and floods', () => {
  it('a microtask flood ends as TimeoutError under default-like limits', async () => {
    const { result, recycled, replaceLane } = await attack(
      'const again = () => Promise.resolve().then(again)\nagain()\nawait new Promise(() => {})',
      { route: 'loop', limits: { ...LIMITS_FOR_TESTS, runTimeoutMs: 300 } },
    )
    expect(result.error).toMatchObject({ type: 'TimeoutError', cause: 'interrupt' })
    // Jobs left behind: a new runtime, or (when freeing the old one aborts the module, as
    // QuickJS does after an interrupt inside a promise job) a new engine in the same lane.
    expect(recycled).toMatch(/^(interrupted|engine-renewed)$/)
    expect(replaceLane).toBeUndefined()
    await expectContained(result, 'TimeoutError')
  })

  it('running out of memory inside jobs is a MemoryLimitError', async () => {
    const { result, replaceLane } = await attack(
      'const keep = []\nconst grow = () => { keep.push(new Array(1e5).fill(keep.length)); return Promise.resolve().then(grow) }\nawait grow()',
      { route: 'loop' },
    )
    expect(result.error?.type).toBe('MemoryLimitError')
    expect(replaceLane).toBeUndefined()
    await expectContained(result, 'MemoryLimitError')
  })

  it('never settles only when no job and no timer is left', async () => {
    const waits = await attack(
      'let n = 0\nawait new Promise((resolve) => { const id = setInterval(() => { if (++n === 3) { clearInterval(id); resolve() } }, 1) })\nreturn n',
      { route: 'loop' },
    )
    expect(waits.result.valueJson).toBe('3')
    const stuck = await attack('await new Promise(() => {})', { route: 'loop' })
    expect(stuck.result.error?.message).toMatch(/can never settle/)
    await expectContained(stuck.result, 'ScriptError')
  })
})

describe('escapes', () => {
  it('nothing of the host or of the machinery is reachable', async () => {
    const { result } = await attack(
      [
        'const F = (() => {}).constructor',
        'const names = Object.getOwnPropertyNames(globalThis)',
        'return {',
        '  host: F("return typeof process + typeof require + typeof host")(),',
        '  console: Object.getOwnPropertyNames(console).sort(),',
        '  caller: (function () { try { return typeof arguments.callee.caller } catch { return "blocked" } })(),',
        '  internals: names.filter((n) => /^(host|load|parts|enter|B)$/.test(n)),',
        '}',
      ].join('\n'),
    )
    expect(JSON.parse(result.valueJson ?? 'null')).toEqual({
      host: 'undefinedundefinedundefined',
      console: ['debug', 'error', 'info', 'log', 'warn'],
      caller: 'undefined',
      internals: [],
    })
  })
})
