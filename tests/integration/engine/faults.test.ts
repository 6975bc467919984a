// Fault injection: each fault is contained, its run (if any) gets one
// outcome, the permit comes back, and capacity returns by itself.
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CoreInternals } from '../../../src/engine/create-core'
import { createCore } from '../../../src/engine/create-core'
import type { Core } from '../../../src/engine/core-api'
import { forkHostSpawner } from '../../../src/engine/fork-host'
import type { RunOutcome } from '../../../src/protocol/outcome'
import type { TelemetryEvent } from '../../../src/protocol/telemetry'

const HOST_ENTRY = resolve(__dirname, '../../../out/main/sandbox-host.js')

let core: Core & { internals: CoreInternals }
const events: TelemetryEvent[] = []
let seq = 0

async function submit(code: string, limits?: Record<string, number>): Promise<RunOutcome> {
  const reply = await core.handle('run:submit', {
    id: `fault-${++seq}`,
    code,
    ...(limits ? { limits } : {}),
  })
  if (!reply.ok) throw new Error(reply.error.message)
  return reply.value
}

async function inject(fault: Record<string, unknown>): Promise<string> {
  const reply = await core.handle('fault:inject', fault)
  if (!reply.ok) throw new Error(reply.error.message)
  return reply.value.injected
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !condition(); i++) await new Promise((r) => setTimeout(r, 20))
  expect(condition()).toBe(true)
}

async function lanesIdle(): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (core.internals.scheduler.snapshot().lanes.every((l) => l.state === 'idle')) return
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error('lanes did not come back')
}

function expectDrained(): void {
  expect(core.internals.scheduler.audit()).toMatchObject({
    inUse: 0,
    leaked: 0,
    doubleReleases: 0,
    healthy: true,
  })
}

beforeAll(async () => {
  core = await createCore({
    spawnHost: forkHostSpawner(HOST_ENTRY),
    settings: { permits: 2, lanes: 1 },
  })
  core.onTelemetry((batch) => events.push(...batch.events))
  await lanesIdle()
})

afterAll(async () => {
  await core?.shutdown()
})

describe('fault injection', () => {
  it('kill-lane: the running run ends as PanicError lane-exit, and the lane is replaced', async () => {
    const running = submit('while (true) {}', { runTimeoutMs: 5000 })
    await until(() => core.internals.scheduler.snapshot().lanes[0]?.state === 'running')
    expect(await inject({ kind: 'kill-lane', lane: 0 })).toMatch(/lane 0/)
    const outcome = await running
    expect(outcome.error).toMatchObject({ type: 'PanicError', cause: 'lane-exit' })
    await lanesIdle()
    expect((await submit('return 1')).value).toBe(1)
    expectDrained()
    expect(events.some((e) => e.kind === 'lane.recycled' && e.cause.includes('lane-exit'))).toBe(
      true,
    )
  })

  it('hang-lane: the watchdog replaces the wedged thread, and the run it never started runs on the new one', async () => {
    await inject({ kind: 'hang-lane', lane: 0 })
    const outcome = await submit('return 1', { runTimeoutMs: 200 })
    expect(outcome.value).toBe(1)
    expect(
      events.some((e) => e.kind === 'lane.recycled' && e.cause.includes('lane-unresponsive')),
    ).toBe(true)
    await lanesIdle()
    expect((await submit('return 2')).value).toBe(2)
    expectDrained()
  })

  it('hang-lane on an idle lane: the lane shows as unresponsive, then is replaced before any run lands on it', async () => {
    await lanesIdle()
    const seen = new Set<string>()
    const unsubscribe = core.onTelemetry((batch) => {
      for (const lane of batch.snapshot.lanes) seen.add(lane.state)
    })
    try {
      await inject({ kind: 'hang-lane', lane: 0 })
      await until(() => seen.has('unresponsive'))
      await until(() =>
        events.some(
          (e) =>
            e.kind === 'lane.recycled' && e.lane === 0 && e.cause.includes('lane-unresponsive'),
        ),
      )
    } finally {
      unsubscribe()
    }
    // No run failed, so no panic by the one definition: no run ended with PanicError.
    await lanesIdle()
    expect((await submit('return 5')).value).toBe(5)
    expectDrained()
  })

  it('kill-host: a new host starts and runs go on', async () => {
    const pid = core.internals.host.pid
    await inject({ kind: 'kill-host' })
    await until(() => core.internals.host.pid !== undefined && core.internals.host.pid !== pid)
    await lanesIdle()
    expect((await submit('return 3')).value).toBe(3)
    expect(events.some((e) => e.kind === 'panic.recovered' && e.cause === 'host-exit')).toBe(true)
    expectDrained()
  })

  it('throw-next: exactly the next N runs fail with an injected error', async () => {
    await inject({ kind: 'throw-next', count: 2 })
    const outcomes = [await submit('return 1'), await submit('return 2'), await submit('return 3')]
    expect(outcomes.map((o) => o.error?.name ?? o.value)).toEqual([
      'InjectedFault',
      'InjectedFault',
      3,
    ])
    expectDrained()
  })

  it('rejects a bad fault with a clear message and changes nothing', async () => {
    const bad = [
      [{ kind: 'explode' }, /kind must be/],
      [{ kind: 'kill-lane' }, /lane/],
      [{ kind: 'kill-lane', lane: 7 }, /There is no lane 7/],
      [{ kind: 'throw-next', count: 0 }, /count must be at least 1/],
    ] as const
    for (const [fault, message] of bad) {
      const reply = await core.handle('fault:inject', fault)
      expect(reply.ok).toBe(false)
      if (!reply.ok) expect(reply.error.message).toMatch(message)
    }
    expect((await submit('return 4')).value).toBe(4)
  })
})
