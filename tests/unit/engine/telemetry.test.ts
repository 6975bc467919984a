import { describe, it, expect, afterEach } from 'vitest'
import { BATCH_INTERVAL_MS, TelemetryHub } from '../../../src/engine/telemetry'
import type { GateSnapshot, TelemetryBatch } from '../../../src/protocol/telemetry'

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** A hub whose snapshots are numbered, so a test can tell them apart. */
function newHub(): { hub: TelemetryHub; snapshots: () => number } {
  let taken = 0
  const hub = new TelemetryHub(() => {
    taken++
    return { at: Date.now(), taken } as unknown as GateSnapshot
  })
  hubs.push(hub)
  return { hub, snapshots: () => taken }
}

const hubs: TelemetryHub[] = []
afterEach(() => {
  for (const hub of hubs.splice(0)) hub.dispose()
})

function waitForBatch(batches: TelemetryBatch[], count: number, timeoutMs = 1000): Promise<void> {
  const until = Date.now() + timeoutMs
  return (async () => {
    while (batches.length < count) {
      if (Date.now() > until) throw new Error(`only ${batches.length} of ${count} batches arrived`)
      await sleep(2)
    }
  })()
}

describe('TelemetryHub', () => {
  it('coalesces many events into one batch, numbered in order, within ~50 ms', async () => {
    const { hub, snapshots } = newHub()
    const batches: TelemetryBatch[] = []
    const arrivals: number[] = []
    hub.subscribe((batch) => {
      batches.push(batch)
      arrivals.push(performance.now())
    })

    const started = performance.now()
    const before = Date.now()
    for (let i = 0; i < 500; i++) hub.emit({ kind: 'run.submitted', runId: `r${i}` })
    expect(batches).toHaveLength(0)
    await waitForBatch(batches, 1)
    const latencyMs = (arrivals[0] as number) - started

    expect(latencyMs).toBeGreaterThanOrEqual(BATCH_INTERVAL_MS - 2)
    // ~50 ms on an idle machine; timers run late on a busy one.
    expect(latencyMs).toBeLessThan(500)
    await sleep(BATCH_INTERVAL_MS * 3)
    expect(batches).toHaveLength(1)

    const [batch] = batches as [TelemetryBatch]
    expect(batch.events).toHaveLength(500)
    expect(batch.events.map((e) => e.seq)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1))
    expect(batch.events.map((e) => (e as { runId: string }).runId).slice(0, 3)).toEqual([
      'r0',
      'r1',
      'r2',
    ])
    for (const event of batch.events) {
      expect(event.at).toBeGreaterThanOrEqual(before)
      expect(event.at).toBeLessThanOrEqual(Date.now())
    }
    // One snapshot per batch, not per event.
    expect(snapshots()).toBe(1)
    expect((batch.snapshot as unknown as { taken: number }).taken).toBe(1)
  })

  it('keeps seq increasing across batches', async () => {
    const { hub } = newHub()
    const batches: TelemetryBatch[] = []
    hub.subscribe((batch) => batches.push(batch))
    hub.emit({ kind: 'gate.resized', permits: 2 })
    hub.emit({ kind: 'lane.spawned', lane: 0 })
    await waitForBatch(batches, 1)
    hub.emit({ kind: 'lane.spawned', lane: 1 })
    await waitForBatch(batches, 2)
    const seqs = batches.flatMap((b) => b.events.map((e) => e.seq))
    expect(seqs).toEqual([1, 2, 3])
    expect(batches.map((b) => b.events.map((e) => e.kind))).toEqual([
      ['gate.resized', 'lane.spawned'],
      ['lane.spawned'],
    ])
  })

  it('sends at most ~30 batches a second under a flood of events', async () => {
    const { hub } = newHub()
    const batches: TelemetryBatch[] = []
    hub.subscribe((batch) => batches.push(batch))
    let emitted = 0
    const floodMs = 600
    const until = performance.now() + floodMs
    // Emit in bursts, yielding to the timers between them.
    while (performance.now() < until) {
      for (let i = 0; i < 200; i++) hub.emit({ kind: 'run.submitted', runId: `r${emitted++}` })
      await new Promise((resolve) => setImmediate(resolve))
    }
    await sleep(BATCH_INTERVAL_MS * 3)

    const maxBatches = Math.ceil((floodMs + BATCH_INTERVAL_MS * 3) / BATCH_INTERVAL_MS) + 1
    expect(batches.length).toBeGreaterThan(1)
    expect(batches.length).toBeLessThanOrEqual(maxBatches)
    expect(emitted / batches.length).toBeGreaterThan(50)
    // Nothing lost or reordered while under 5000 events per batch.
    const seqs = batches.flatMap((b) => b.events.map((e) => e.seq))
    if (batches.every((b) => b.events.length < 5000)) {
      expect(seqs).toEqual(Array.from({ length: emitted }, (_, i) => i + 1))
    }
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1] as number)
  })

  it('caps one batch at 5000 events', async () => {
    const { hub } = newHub()
    const batches: TelemetryBatch[] = []
    hub.subscribe((batch) => batches.push(batch))
    for (let i = 0; i < 6000; i++) hub.emit({ kind: 'lane.spawned', lane: 0 })
    await waitForBatch(batches, 1)
    expect(batches[0]?.events).toHaveLength(5000)
  })

  it('sends a snapshot-only batch after touch()', async () => {
    const { hub } = newHub()
    const batches: TelemetryBatch[] = []
    hub.subscribe((batch) => batches.push(batch))
    hub.touch()
    hub.touch()
    await waitForBatch(batches, 1)
    await sleep(BATCH_INTERVAL_MS * 2)
    expect(batches).toHaveLength(1)
    expect(batches[0]?.events).toEqual([])
  })

  it('keeps nothing for listeners that are not there, and stops after unsubscribe', async () => {
    const { hub, snapshots } = newHub()
    hub.emit({ kind: 'lane.spawned', lane: 0 })
    const batches: TelemetryBatch[] = []
    const unsubscribe = hub.subscribe((batch) => batches.push(batch))
    await sleep(BATCH_INTERVAL_MS * 2)
    expect(batches).toHaveLength(0)

    hub.emit({ kind: 'lane.spawned', lane: 1 })
    await waitForBatch(batches, 1)
    expect(batches[0]?.events.map((e) => e.seq)).toEqual([2])

    unsubscribe()
    hub.emit({ kind: 'lane.spawned', lane: 2 })
    await sleep(BATCH_INTERVAL_MS * 2)
    expect(batches).toHaveLength(1)
    expect(snapshots()).toBe(1)
  })

  it('hands the same batch to every listener', async () => {
    const { hub } = newHub()
    const a: TelemetryBatch[] = []
    const b: TelemetryBatch[] = []
    hub.subscribe((batch) => a.push(batch))
    hub.subscribe((batch) => b.push(batch))
    hub.emit({ kind: 'gate.resized', permits: 3 })
    await waitForBatch(a, 1)
    expect(b).toEqual(a)
  })

  it('carries live console lines in the next batch, one chunk per run in order, and keeps none without listeners', async () => {
    const { hub } = newHub()
    const line = (text: string) => ({ level: 'log' as const, text, at: 1 })
    hub.runLogs({ runId: 'nobody', from: 0, entries: [line('lost')], dropped: 0 })
    const batches: TelemetryBatch[] = []
    hub.subscribe((batch) => batches.push(batch))
    expect(hub.listening).toBe(true)
    hub.runLogs({ runId: 'a', from: 0, entries: [line('a0')], dropped: 0 })
    hub.runLogs({ runId: 'b', from: 0, entries: [line('b0')], dropped: 0 })
    hub.runLogs({ runId: 'a', from: 1, entries: [line('a1'), line('a2')], dropped: 3 })
    await waitForBatch(batches, 1)
    expect(batches[0]?.logs).toEqual([
      { runId: 'a', from: 0, entries: [line('a0'), line('a1'), line('a2')], dropped: 3 },
      { runId: 'b', from: 0, entries: [line('b0')], dropped: 0 },
    ])
    hub.runLogs({ runId: 'a', from: 3, entries: [line('a3')], dropped: 3 })
    await waitForBatch(batches, 2)
    expect(batches[1]?.logs).toEqual([{ runId: 'a', from: 3, entries: [line('a3')], dropped: 3 }])
  })
})
