// 1,000 mixed runs on 2 lanes: ok, throw, timeout, memory, stack, a stuck
// built-in (the watchdog), async, a microtask flood and running out of memory
// inside promise jobs. Afterwards every lane is idle and healthy, no handle
// was left (a leaked handle makes the runtime's dispose abort, which would
// show as a lane-abort panic), and the host's memory is flat. QuickJS itself
// leaks on the two job paths: those lanes renew their engine in place
// ('engine-renewed'), never a lane-abort.
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createCore } from '../../../src/engine/create-core'
import { forkHostSpawner } from '../../../src/engine/fork-host'
import type { ErrorType, RunOutcome } from '../../../src/protocol/outcome'
import type { TelemetryEvent } from '../../../src/protocol/telemetry'

const HOST_ENTRY = resolve(__dirname, '../../../out/main/sandbox-host.js')

const MIXED = `
switch (input.i % 50) {
  case 10: throw new TypeError('thrown on purpose')
  case 20: while (true) {}
  case 25: { const again = () => Promise.resolve().then(again); again(); return await new Promise(() => {}) }
  case 26: { const keep = []; const grow = () => { keep.push(new Array(1e5).fill(keep.length)); return Promise.resolve().then(grow) }; return await grow() }
  case 30: { const a = []; while (true) a.push(new Array(1e5).fill(1)) }
  case 35: { const s = []; let t = 'x'; while (true) { t += t; s.push(t) } }
  case 40: { const f = (n) => f(n + 1) + 1; return f(0) }
  case 45: return Array.prototype.indexOf.call({ length: 2 ** 32 - 1 }, 1)
  case 48: return await new Promise((r) => setTimeout(() => r(input.i), 1))
  default: return { i: input.i, square: input.i * input.i }
}`

function expectedType(i: number): ErrorType | 'ok' {
  switch (i % 50) {
    case 10:
      return 'ScriptError'
    case 20:
    case 25:
    case 45:
      return 'TimeoutError'
    case 26:
    case 30:
    case 35:
      return 'MemoryLimitError'
    case 40:
      return 'StackOverflowError'
    default:
      return 'ok'
  }
}

async function runBatch(
  core: Awaited<ReturnType<typeof createCore>>,
  from: number,
  count: number,
): Promise<RunOutcome[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, k) => {
      const i = from + k
      // The endless loop and the stuck built-in get a short deadline; the rest
      // a long one. A garbage collection in a full heap does not poll the
      // interrupt, and on a busy two-core machine an ok run can wait for a
      // core: neither should meet a deadline meant for the endless ones.
      const endless = i % 50 === 20 || i % 50 === 25 || i % 50 === 45
      const reply = await core.handle('run:submit', {
        id: `mixed-${i}`,
        code: MIXED,
        input: JSON.stringify({ i }),
        // Out of memory inside jobs: a small heap, so it ends quickly on a busy machine.
        limits: { runTimeoutMs: endless ? 100 : 5000, ...(i % 50 === 26 ? { memoryMb: 16 } : {}) },
      })
      if (!reply.ok) throw new Error(reply.error.message)
      return reply.value
    }),
  )
}

async function lanesIdle(core: Awaited<ReturnType<typeof createCore>>): Promise<void> {
  for (let i = 0; i < 250; i++) {
    if (core.internals.scheduler.snapshot().lanes.every((l) => l.state === 'idle')) return
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('1,000 mixed runs on 2 lanes', () => {
  it('each ends as expected; lanes healthy, no handle left, host memory flat', async () => {
    const core = await createCore({
      spawnHost: forkHostSpawner(HOST_ENTRY),
      settings: { permits: 4, lanes: 2, waitTimeoutMs: 600_000 },
    })
    const events: TelemetryEvent[] = []
    const unsubscribe = core.onTelemetry((batch) => events.push(...batch.events))
    try {
      const warm = await runBatch(core, 0, 200)
      // Memory is sampled with every lane idle: a lane in the middle of a memory bomb, or
      // a replaced thread not yet gone, holds up to its whole cap for a moment.
      await lanesIdle(core)
      const rssWarm = await core.internals.host.sampleMemory()
      const rest = await runBatch(core, 200, 800)
      await lanesIdle(core)
      const rssAfter = await core.internals.host.sampleMemory()

      const outcomes = [...warm, ...rest]
      const mismatches = outcomes
        .map((o, i) => ({
          i,
          want: expectedType(i),
          got: o.status === 'ok' ? 'ok' : o.error?.type,
          error: o.error,
        }))
        .filter((m) => m.want !== m.got)
      expect(mismatches).toEqual([])
      // Every stuck built-in needs the watchdog. An endless loop is normally
      // interrupted, but on a starved machine its thread may miss the grace too.
      const watchdog = outcomes.filter((o) => o.error?.cause === 'watchdog')
      const watchdogCases = new Set(watchdog.map((o) => Number(o.id.slice(6)) % 50))
      expect([...watchdogCases].filter((k) => ![20, 25, 45].includes(k))).toEqual([])
      expect(watchdog.filter((o) => Number(o.id.slice(6)) % 50 === 45)).toHaveLength(20)

      // Let the replaced lanes come back, then check every lane is idle.
      for (let i = 0; i < 100; i++) {
        if (core.internals.scheduler.snapshot().lanes.every((l) => l.state === 'idle')) break
        await new Promise((r) => setTimeout(r, 20))
      }
      const snapshot = core.internals.scheduler.snapshot()
      expect(snapshot.lanes.map((l) => l.state)).toEqual(['idle', 'idle'])
      expect(snapshot.audit).toMatchObject({
        inUse: 0,
        leaked: 0,
        doubleReleases: 0,
        runsWithoutOutcome: 0,
      })

      // No lane ever aborted: a leaked handle would have made dispose abort the module.
      const aborts = events.filter((e) => e.kind === 'panic.recovered' && e.cause === 'lane-abort')
      expect(aborts).toEqual([])
      const renewed = events.filter(
        (e) => e.kind === 'lane.recycled' && e.cause.endsWith('engine-renewed'),
      )
      expect(renewed.length).toBeGreaterThan(0)

      expect(rssWarm).toBeGreaterThan(0)
      expect(rssAfter).toBeGreaterThan(0)
      // Flat: four times as many runs again add no more than a quarter to the host's memory.
      expect((rssAfter as number) / (rssWarm as number)).toBeLessThan(1.25)
    } finally {
      unsubscribe()
      await core.shutdown()
    }
  }, 180_000)
})
