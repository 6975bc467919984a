// The leak matrix against a real core: real sandbox host process, real lane
// threads, real QuickJS; faults injected through the core's own machinery.
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CoreInternals } from '../../../src/engine/create-core'
import { createCore } from '../../../src/engine/create-core'
import type { Core } from '../../../src/engine/core-api'
import { forkHostSpawner } from '../../../src/engine/fork-host'
import type { MatrixPathResult } from '../../../src/protocol/leak-matrix'
import { MATRIX_PATHS, matrixPathProblem } from '../../../src/protocol/leak-matrix'

const HOST_ENTRY = path.resolve('out/main/sandbox-host.js')

let core: Core & { internals: CoreInternals }
const results = new Map<number, MatrixPathResult>()

async function play(n: number): Promise<MatrixPathResult> {
  const reply = await core.handle('lessons:playMatrixPath', { path: n })
  if (!reply.ok) throw new Error(`path ${n}: ${reply.error.message}`)
  results.set(n, reply.value)
  return reply.value
}

beforeAll(async () => {
  core = await createCore({
    spawnHost: forkHostSpawner(HOST_ENTRY),
    settings: { permits: 2, lanes: 2, runTimeoutMs: 5000 },
  })
}, 30_000)

afterAll(async () => {
  await core?.shutdown()
})

/** After each path: nothing held, nothing waiting, nothing leaked. */
function expectGateClean(): void {
  const audit = core.internals.scheduler.audit()
  expect(audit).toMatchObject({ inUse: 0, leaked: 0, doubleReleases: 0, inFlight: 0 })
  expect(audit.healthy).toBe(true)
  expect(core.internals.gate.pendingCount).toBe(0)
}

describe('the leak matrix, played through a real core', () => {
  it('1: input validation fails before the gate: no permit taken', async () => {
    const result = await play(1)
    expect(result).toMatchObject({ outcome: 'ValidationError', permitTaken: false })
    expect(result.permitReturned).toBe(false)
    expect(result.message).toMatch(/input is not valid JSON/)
    expect(result.events.map((e) => e.text)).toEqual(['submitted', 'ended: ValidationError'])
    expect(matrixPathProblem(result)).toBeNull()
    expectGateClean()
  })

  it('2: every permit held, the wait times out: ConcurrencyError, no permit; the holders give theirs back', async () => {
    const result = await play(2)
    expect(result).toMatchObject({ outcome: 'ConcurrencyError', permitTaken: false })
    expect(result.events.some((e) => e.text.startsWith('every permit is held'))).toBe(true)
    const holders = result.runs.filter((run) => run.role === 'holder')
    expect(holders).toHaveLength(2)
    for (const holder of holders) {
      expect(holder.outcome).toBe('CancelledError')
      expect(holder.permitTakenMs).not.toBeNull()
      expect(holder.permitReturnedMs).not.toBeNull()
      // The probe gave up while the holders still held every permit.
      expect(holder.permitReturnedMs as number).toBeGreaterThanOrEqual(
        result.runs[0]?.settledMs as number,
      )
    }
    expect(matrixPathProblem(result)).toBeNull()
    expectGateClean()
  })

  it('3: normal execution: ok, permit taken and returned', async () => {
    const result = await play(3)
    expect(result).toMatchObject({ outcome: 'ok', permitTaken: true, permitReturned: true })
    expect(result.message).toBe('returned 42')
    const probe = result.runs[0]
    expect(probe?.startedMs).not.toBeNull()
    expect(probe?.permitTakenMs as number).toBeLessThanOrEqual(probe?.permitReturnedMs as number)
    expectGateClean()
  })

  it('4: a panic in a synchronous (pool) run: PanicError, lane replaced, permit returned', async () => {
    const result = await play(4)
    expect(result).toMatchObject({
      outcome: 'PanicError',
      cause: 'lane-exit',
      permitTaken: true,
      permitReturned: true,
    })
    expect(result.events.map((e) => e.text).join('\n')).toMatch(/sent to lane \d \(pool\)/)
    expect(result.events.map((e) => e.text).join('\n')).toMatch(/panic recovered \(lane-exit\)/)
    expectGateClean()
  })

  it('5: a panic in the event loop of an async run: PanicError, permit returned', async () => {
    const result = await play(5)
    expect(result).toMatchObject({
      outcome: 'PanicError',
      cause: 'lane-exit',
      permitTaken: true,
      permitReturned: true,
    })
    expect(result.events.map((e) => e.text).join('\n')).toMatch(/sent to lane \d \(loop\)/)
    expectGateClean()
  })

  it('6: an execution timeout: the interrupt stops it, then the permit returns', async () => {
    const result = await play(6)
    expect(result).toMatchObject({
      outcome: 'TimeoutError',
      cause: 'interrupt',
      permitTaken: true,
      permitReturned: true,
    })
    expectGateClean()
  })

  it('7: the user’s code throws: ScriptError, permit returned', async () => {
    const result = await play(7)
    expect(result).toMatchObject({
      outcome: 'ScriptError',
      permitTaken: true,
      permitReturned: true,
    })
    expect(result.message).toMatch(/throws/)
    expectGateClean()
  })

  it('8: waiting for a wedged lane with the permit held: the watchdog gives up on the lane, the permit comes back', async () => {
    const result = await play(8)
    const texts = result.events.map((e) => e.text).join('\n')
    expect(texts).toMatch(/lane \d: thread replaced: lane-unresponsive/)
    expect(result).toMatchObject({ outcome: 'ok', permitTaken: true, permitReturned: true })
    const probe = result.runs[0]
    // The permit was held through the wait for a lane, and came back after the run.
    expect(probe?.startedMs as number).toBeGreaterThan((probe?.permitTakenMs as number) + 300)
    expect(probe?.permitReturnedMs as number).toBeGreaterThanOrEqual(
      (probe?.stoppedMs as number) - 1,
    )
    expectGateClean()
  })

  it('9: Gatehouse stops the work before the permit returns; the release-on-timeout gate overcommits', async () => {
    const result = await play(9)
    expect(result).toMatchObject({
      outcome: 'TimeoutError',
      cause: 'watchdog',
      permitTaken: true,
      permitReturned: true,
    })
    const { overcommit } = result
    expect(overcommit?.permits).toBe(2)
    expect(overcommit?.gatehouse.peakRunning).toBeGreaterThan(0)
    expect(overcommit?.gatehouse.peakRunning).toBeLessThanOrEqual(2)
    expect(overcommit?.releaseOnTimeout.peakRunning).toBeGreaterThan(2)
    for (const interval of overcommit?.gatehouse.intervals ?? []) {
      expect(interval.ended).toMatch(/^TimeoutError \((interrupt|watchdog)\)$/)
      // The work stopped before its permit came back (1 ms for two clocks).
      expect(interval.runningMs[1]).toBeLessThanOrEqual(interval.permitMs[1] + 1)
    }
    // The broken gate gave permits back while the work went on.
    const abandoned = overcommit?.releaseOnTimeout.intervals.filter(
      (t) => t.runningMs[1] > t.permitMs[1],
    )
    expect(abandoned?.length).toBeGreaterThan(0)
    expectGateClean()
  })

  it('every path did what the matrix says, in order, one at a time', async () => {
    expect([...results.keys()].sort((a, b) => a - b)).toEqual(MATRIX_PATHS.map((p) => p.n))
    for (const result of results.values()) expect(matrixPathProblem(result)).toBeNull()
  })

  it('refuses a path that does not exist, and a second path while one plays', async () => {
    const bad = await core.handle('lessons:playMatrixPath', { path: 10 })
    expect(bad).toMatchObject({ ok: false, error: { type: 'ValidationError' } })
    expect(bad.ok ? '' : bad.error.message).toMatch(/path must be 1 to 9/)
    const first = core.handle('lessons:playMatrixPath', { path: 6 })
    const second = await core.handle('lessons:playMatrixPath', { path: 3 })
    expect(second).toMatchObject({ ok: false, error: { message: /already playing/ } })
    expect((await first).ok).toBe(true)
  })

  it('refuses to play on a gate with runs in flight', async () => {
    const busy = core.handle('run:submit', {
      id: 'busy',
      code: 'while (true) {}',
      limits: { runTimeoutMs: 300 },
    })
    const refused = await core.handle('lessons:playMatrixPath', { path: 3 })
    expect(refused).toMatchObject({ ok: false, error: { message: /needs an idle gate/ } })
    await busy
  })
})

describe('the leak matrix on a gate of one permit, one lane and no wait at all', () => {
  it('still shows paths 2 and 9: its waits are its own, not the settings’', async () => {
    const small = await createCore({
      spawnHost: forkHostSpawner(HOST_ENTRY),
      settings: { permits: 1, lanes: 1, waitTimeoutMs: 0 },
    })
    try {
      const play = async (n: number) => {
        const reply = await small.handle('lessons:playMatrixPath', { path: n })
        if (!reply.ok) throw new Error(reply.error.message)
        return reply.value
      }
      const second = await play(2)
      expect(second).toMatchObject({ outcome: 'ConcurrencyError', permitTaken: false })
      const ninth = await play(9)
      expect(matrixPathProblem(ninth)).toBeNull()
      expect(ninth.runs.every((run) => run.outcome === 'TimeoutError')).toBe(true)
      expect(ninth.overcommit?.gatehouse.peakRunning).toBe(1)
      expect(ninth.overcommit?.releaseOnTimeout.peakRunning).toBeGreaterThan(1)
    } finally {
      await small.shutdown()
    }
  }, 60_000)
})
