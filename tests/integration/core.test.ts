// The core end to end: real sandbox host process, real lane threads, real QuickJS.
import path from 'node:path'
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import type { CoreInternals } from '../../src/engine/create-core'
import { createCore } from '../../src/engine/create-core'
import type { Core } from '../../src/engine/core-api'
import { forkHostSpawner } from '../../src/engine/fork-host'
import type { Settings } from '../../src/protocol/settings'
import type { RunOutcome } from '../../src/protocol/outcome'
import type { TelemetryEvent } from '../../src/protocol/telemetry'

type TestCore = Core & { internals: CoreInternals }

const HOST_ENTRY = path.resolve('out/main/sandbox-host.js')
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

let core: TestCore
let seq = 0
const nextId = (prefix = 'run'): string => `${prefix}-${++seq}`

function startCore(settings: Partial<Settings>): Promise<TestCore> {
  return createCore({ spawnHost: forkHostSpawner(HOST_ENTRY), settings })
}

async function submitTo(target: TestCore, payload: Record<string, unknown>): Promise<RunOutcome> {
  const reply = await target.handle('run:submit', payload)
  if (!reply.ok) throw new Error(`run:submit failed: ${reply.error.message}`)
  return reply.value
}

function submit(
  code: string,
  extra: Record<string, unknown> = {},
  target = core,
): Promise<RunOutcome> {
  return submitTo(target, { id: nextId(), code, ...extra })
}

/** Waits until `check` holds, polling. */
async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(10)
  }
}

async function lanesIdle(target: TestCore): Promise<void> {
  await until(
    () => target.internals.scheduler.snapshot().lanes.every((l) => l.state === 'idle'),
    'every lane idle',
  )
}

async function isRunning(target: TestCore, id: string): Promise<boolean> {
  const reply = await target.handle('gate:snapshot', {})
  if (!reply.ok) return false
  return reply.value.lanes.some((lane) => lane.runId === id && lane.state === 'running')
}

function expectGateDrained(target: TestCore): void {
  const { gate } = target.internals
  expect(gate.activeCount).toBe(0)
  expect(gate.pendingCount).toBe(0)
  const counters = gate.counters
  expect(counters.acquired).toBe(counters.released)
  expect(counters.doubleReleases).toBe(0)
}

const INFINITE = 'while (true) {}'

beforeAll(async () => {
  core = await startCore({
    lanes: 2,
    permits: 2,
    waitTimeoutMs: 60_000,
    runTimeoutMs: 5000,
    memoryMb: 64,
  })
  await lanesIdle(core)
})

afterAll(async () => {
  await core?.shutdown()
})

describe('core: outcomes', () => {
  it('returns the value and the console of an ok run', async () => {
    const outcome = await submit(
      'console.log("sum of", input.items)\nconsole.warn("careful")\nreturn { total: input.items.reduce((a, b) => a + b, 0) }',
      {
        input: JSON.stringify({ items: [1, 2, 3] }),
      },
    )
    expect(outcome).toMatchObject({ status: 'ok', value: { total: 6 }, route: 'pool' })
    expect(outcome.error).toBeUndefined()
    expect(outcome.logs.map(({ level, text }) => ({ level, text }))).toEqual([
      { level: 'log', text: 'sum of [1,2,3]' },
      { level: 'warn', text: 'careful' },
    ])
    expect([0, 1]).toContain(outcome.lane)
    expect(outcome.timing.totalMs).toBeGreaterThanOrEqual(outcome.timing.runMs)
    expect(outcome.routeReason).toMatch(/pool/)
  })

  it('runs async code on the loop', async () => {
    const outcome = await submit('await new Promise((r) => setTimeout(r, 20))\nreturn "waited"')
    expect(outcome).toMatchObject({ status: 'ok', value: 'waited', route: 'loop' })
    expect(outcome.routeReason).toMatch(/\(line 1\): runs on the event loop/)
  })

  it('runs TypeScript with its types stripped and its lines kept', async () => {
    const outcome = await submit(
      'interface P { x: number }\nconst p: P = { x: 2 }\nthrow new Error(String(p.x))',
      { language: 'ts' },
    )
    expect(outcome.error).toMatchObject({ type: 'ScriptError', message: '2', line: 3 })
  })

  it('reports a thrown error with its line', async () => {
    const outcome = await submit('const a = 1\n\nnull.boom')
    expect(outcome.status).toBe('error')
    expect(outcome.error).toMatchObject({ type: 'ScriptError', name: 'TypeError', line: 3 })
    expect(outcome.value).toBeUndefined()
  })

  it('reports a syntax error without admitting the run', async () => {
    const before = core.internals.gate.counters.acquired
    const outcome = await submit('const a = 1\nconst = 2')
    expect(outcome.error).toMatchObject({ type: 'SyntaxError', line: 2 })
    expect(core.internals.gate.counters.acquired).toBe(before)
  })

  it('interrupts while(true){} at its deadline (TimeoutError, cause interrupt)', async () => {
    const started = performance.now()
    const outcome = await submit(INFINITE, { limits: { runTimeoutMs: 200 } })
    const elapsedMs = performance.now() - started
    expect(outcome.error).toMatchObject({ type: 'TimeoutError', cause: 'interrupt' })
    expect(outcome.timing.runMs).toBeGreaterThanOrEqual(199)
    expect(outcome.timing.runMs).toBeLessThan(200 + 100)
    // The whole trip, queue and IPC included, with slack for a busy machine.
    expect(elapsedMs).toBeLessThan(200 + 100 + 300)
  })

  it.each([
    ['an array bomb', 'const a = []\nwhile (true) a.push(a.length)'],
    ['a string bomb', 'let s = "x"\nwhile (true) s += s'],
    ['a huge typed array', 'return new Uint8Array(500e6).length'],
  ])('ends %s with MemoryLimitError', async (_, code) => {
    const outcome = await submit(code)
    expect(outcome.status).toBe('error')
    expect(outcome.error?.type).toBe('MemoryLimitError')
  })

  it('ends an array bomb of small objects with MemoryLimitError', async () => {
    const outcome = await submit('const a = []\nwhile (true) a.push([1, 2, 3, 4])')
    expect(outcome.error?.type).toBe('MemoryLimitError')
  })

  it('JSON.parse of deeply nested arrays is the script\'s own SyntaxError: the engine says "stack overflow" in a SyntaxError any script could throw', async () => {
    const outcome = await submit(
      'const depth = 100000\nreturn JSON.parse("[".repeat(depth) + "]".repeat(depth))',
    )
    expect(outcome.error).toMatchObject({ type: 'ScriptError', name: 'SyntaxError' })
    expect(outcome.error?.message).toMatch(/stack overflow/)
  })

  it.each([['deep recursion', 'function down(n) { return down(n + 1) + 1 }\nreturn down(0)']])(
    'ends %s with StackOverflowError',
    async (_, code) => {
      const outcome = await submit(code)
      expect(outcome.status).toBe('error')
      expect(outcome.error?.type).toBe('StackOverflowError')
    },
  )

  it('treats deeply nested input JSON as a script error, not an engine panic', async () => {
    const depth = 100_000
    const outcome = await submit('return 1', { input: '['.repeat(depth) + ']'.repeat(depth) })
    expect(outcome.status).toBe('error')
    expect(['StackOverflowError', 'ValidationError']).toContain(outcome.error?.type)
  })

  it('a lane still works after every kind of failure', async () => {
    const outcomes = await Promise.all([submit('return 1'), submit('return 2')])
    expect(outcomes.map((o) => o.value)).toEqual([1, 2])
    await lanesIdle(core)
    expectGateDrained(core)
  })
})

describe('core: stopping and waiting', () => {
  it('Stop on a running infinite loop ends it as CancelledError', async () => {
    const id = nextId('stop-running')
    const pending = submitTo(core, { id, code: INFINITE, limits: { runTimeoutMs: 5000 } })
    await until(() => isRunning(core, id), 'the run to start')
    await sleep(30)
    const started = performance.now()
    const reply = await core.handle('run:stop', { id })
    expect(reply).toEqual({ ok: true, value: { stopped: true } })
    const outcome = await pending
    expect(outcome.error?.type).toBe('CancelledError')
    expect(performance.now() - started).toBeLessThan(1000)
    await lanesIdle(core)
    expectGateDrained(core)
  })

  it('Stop on a queued run ends it as CancelledError without running it', async () => {
    const holders = [nextId('hold'), nextId('hold')]
    const held = holders.map((id) =>
      submitTo(core, { id, code: INFINITE, limits: { runTimeoutMs: 5000 } }),
    )
    await until(() => core.internals.gate.activeCount === 2, 'both permits held')
    const queuedId = nextId('queued')
    const queued = submitTo(core, { id: queuedId, code: 'return "should not run"' })
    await until(() => core.internals.gate.pendingCount === 1, 'the run to queue')

    expect(await core.handle('run:stop', { id: queuedId })).toEqual({
      ok: true,
      value: { stopped: true },
    })
    const outcome = await queued
    expect(outcome.error?.type).toBe('CancelledError')
    expect(outcome.value).toBeUndefined()
    expect(core.internals.gate.pendingCount).toBe(0)
    expect(core.internals.gate.activeCount).toBe(2)

    for (const id of holders) await core.handle('run:stop', { id })
    const ends = await Promise.all(held)
    expect(ends.map((o) => o.error?.type)).toEqual(['CancelledError', 'CancelledError'])
    await lanesIdle(core)
    expectGateDrained(core)
  })

  it('Stop of an unknown run says so', async () => {
    expect(await core.handle('run:stop', { id: 'nobody' })).toEqual({
      ok: true,
      value: { stopped: false },
    })
  })

  it('a ValidationError never touches the gate', async () => {
    const before = core.internals.gate.counters
    const payloads = [
      { id: nextId(), code: 42 },
      { id: nextId(), code: 'return 1', input: '{not json' },
      { id: nextId(), code: 'x'.repeat(70_000) },
      { id: nextId(), code: 'return 1', limits: { runTimeoutMs: 5 } },
      { id: nextId(), code: 'return 1', extra: true },
    ]
    const outcomes = await Promise.all(payloads.map((p) => submitTo(core, p)))
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('error')
      expect(outcome.error?.type).toBe('ValidationError')
      expect(outcome.error?.message.length).toBeGreaterThan(5)
    }
    const after = core.internals.gate.counters
    expect(after.acquired).toBe(before.acquired)
    expect(after.released).toBe(before.released)
    expect(core.internals.gate.activeCount).toBe(0)
    expect(core.internals.gate.counters.peakInUse).toBeLessThanOrEqual(2)
  })
})

describe('core: a single-lane core with a short wait and room for big built-ins', () => {
  let small: TestCore

  beforeAll(async () => {
    small = await startCore({
      lanes: 1,
      permits: 1,
      waitTimeoutMs: 150,
      runTimeoutMs: 5000,
      memoryMb: 512,
    })
    await lanesIdle(small)
  })

  afterAll(async () => {
    await small?.shutdown()
  })

  it.each([
    [
      'indexOf over 2^32-1 elements',
      'return Array.prototype.indexOf.call({ length: 2 ** 32 - 1 }, 1)',
    ],
    [
      'a huge String.prototype.repeat',
      'return "abc".repeat(5e7).length + "abc".repeat(5e7).length + "abc".repeat(5e7).length',
    ],
  ])(
    'the watchdog ends a built-in that ignores interrupts (%s) and the lane comes back',
    async (_, code) => {
      const started = performance.now()
      const outcome = await submit(code, { limits: { runTimeoutMs: 200 } }, small)
      const elapsedMs = performance.now() - started
      expect(outcome.error).toMatchObject({ type: 'TimeoutError', cause: 'watchdog' })
      expect(elapsedMs).toBeGreaterThanOrEqual(200)
      expect(elapsedMs).toBeLessThan(200 + 250 + 300)

      const next = await submit('return "alive"', {}, small)
      expect(next).toMatchObject({ status: 'ok', value: 'alive' })
      expectGateDrained(small)
    },
  )

  it('a wait that outlasts waitTimeoutMs ends as ConcurrencyError', async () => {
    const holderId = nextId('holder')
    const holder = submitTo(small, { id: holderId, code: INFINITE, limits: { runTimeoutMs: 2000 } })
    await until(() => small.internals.gate.activeCount === 1, 'the permit held')
    const started = performance.now()
    const outcome = await submit('return 1', {}, small)
    const waitedMs = performance.now() - started
    expect(outcome.error?.type).toBe('ConcurrencyError')
    expect(outcome.error?.message).toMatch(/waited \d+ ms/)
    expect(waitedMs).toBeGreaterThanOrEqual(145)
    expect(waitedMs).toBeLessThan(150 + 500)
    expect(outcome.timing.queuedMs).toBeGreaterThanOrEqual(145)

    await small.handle('run:stop', { id: holderId })
    expect((await holder).error?.type).toBe('CancelledError')
    await lanesIdle(small)
    expectGateDrained(small)
  })
})

describe('core: the sandbox host dies', () => {
  it('a run on a killed host ends PanicError (host-exit), the permit comes back and the next run works', async () => {
    const id = nextId('doomed')
    const doomed = submitTo(core, { id, code: INFINITE, limits: { runTimeoutMs: 5000 } })
    await until(() => isRunning(core, id), 'the run to start')
    const oldPid = core.internals.host.pid
    core.internals.host.kill()

    const outcome = await doomed
    expect(outcome.error).toMatchObject({ type: 'PanicError', cause: 'host-exit' })
    expect(core.internals.gate.activeCount).toBe(0)

    const next = await submit('return "recovered"')
    expect(next).toMatchObject({ status: 'ok', value: 'recovered' })
    expect(core.internals.host.pid).not.toBe(oldPid)
    await lanesIdle(core)
    expectGateDrained(core)
  })
})

describe('core: 200 mixed runs on 2 lanes', () => {
  it('every run gets exactly one outcome of the expected type and every permit comes back', async () => {
    const events: TelemetryEvent[] = []
    const unsubscribe = core.onTelemetry((batch) => events.push(...batch.events))
    const kinds = {
      ok: { code: 'return input.i * 2', expect: 'ok' },
      throw: { code: 'throw new RangeError("no " + input.i)', expect: 'ScriptError' },
      timeout: { code: INFINITE, limits: { runTimeoutMs: 30 }, expect: 'TimeoutError' },
      memory: { code: 'return new Uint8Array(500e6)', expect: 'MemoryLimitError' },
      stack: { code: 'function f() { return f() + 1 }\nreturn f()', expect: 'StackOverflowError' },
    } as const
    const names = Object.keys(kinds) as (keyof typeof kinds)[]
    const runs = Array.from({ length: 200 }, (_, i) => {
      const kind = names[i % names.length] as keyof typeof kinds
      const spec = kinds[kind]
      const id = `mixed-${i}`
      const payload: Record<string, unknown> = { id, code: spec.code, input: JSON.stringify({ i }) }
      if ('limits' in spec) payload.limits = spec.limits
      return { id, kind, expected: spec.expect as string, outcome: submitTo(core, payload) }
    })
    const outcomes = await Promise.all(runs.map((r) => r.outcome))

    outcomes.forEach((outcome, i) => {
      const run = runs[i] as (typeof runs)[number]
      expect(outcome.id).toBe(run.id)
      expect({ id: run.id, got: outcome.status === 'ok' ? 'ok' : outcome.error?.type }).toEqual({
        id: run.id,
        got: run.expected,
      })
      if (run.kind === 'ok') expect(outcome.value).toBe(i * 2)
      // The interrupt ends it; on a starved machine the thread may not run again within the
      // watchdog's grace, and the watchdog ends it instead. Either way a TimeoutError.
      if (run.kind === 'timeout') expect(['interrupt', 'watchdog']).toContain(outcome.error?.cause)
    })

    await lanesIdle(core)
    expectGateDrained(core)
    expect(core.internals.gate.counters.peakInUse).toBeLessThanOrEqual(2)
    expect(core.internals.scheduler.audit()).toMatchObject({
      leaked: 0,
      runsWithoutOutcome: 0,
      inFlight: 0,
      healthy: true,
    })

    // Exactly one settled event per run.
    await sleep(100)
    unsubscribe()
    const settled = new Map<string, number>()
    for (const event of events) {
      if (event.kind === 'run.settled' && event.runId.startsWith('mixed-'))
        settled.set(event.runId, (settled.get(event.runId) ?? 0) + 1)
    }
    expect(settled.size).toBe(200)
    expect([...settled.values()].every((n) => n === 1)).toBe(true)
  })
})
