import type { TelemetryEvent } from '../../../src/protocol/telemetry'

type EventInput = TelemetryEvent extends infer E
  ? E extends TelemetryEvent
    ? Omit<E, 'seq' | 'at'>
    : never
  : never

/** Numbers and timestamps events the way the core's TelemetryHub does. */
export function eventStream(startAt = 1_000_000) {
  let seq = 0
  return (event: EventInput, at?: number): TelemetryEvent =>
    ({ ...event, seq: ++seq, at: at ?? startAt + seq }) as TelemetryEvent
}

/** The events of one run that ends well, in the scheduler's order. */
export function okRun(
  make: ReturnType<typeof eventStream>,
  runId: string,
  lane = 0,
): TelemetryEvent[] {
  return [
    make({ kind: 'run.submitted', runId }),
    make({ kind: 'run.admitted', runId, waitedMs: 0 }),
    make({ kind: 'run.dispatched', runId, lane, route: 'pool' }),
    make({ kind: 'permit.released', runId, heldMs: 5 }),
    make({ kind: 'run.settled', runId, status: 'ok', totalMs: 6 }),
  ]
}

/** The item at `index`, or a test failure naming it: no non-null assertions in tests either. */
export function nth<T>(items: readonly T[], index: number): T {
  const item = items[index]
  if (item === undefined) throw new Error(`no item at ${index}`)
  return item
}
