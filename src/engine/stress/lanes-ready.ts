import type { LaneView } from '../../protocol/telemetry'
import type { Scheduler } from '../scheduler'
import type { TelemetryHub } from '../telemetry'

/** How long a new sandbox host may take to bring its lanes up. */
export const LANES_READY_TIMEOUT_MS = 30_000

/**
 * Resolves once the gate has `lanes` lanes and none is still starting; a
 * lane count change starts a new sandbox host, and a policy's first runs
 * must not pay for its start-up.
 */
export function lanesReady(
  scheduler: Scheduler,
  telemetry: TelemetryHub,
  lanes: number,
  timeoutMs = LANES_READY_TIMEOUT_MS,
): Promise<void> {
  return whenLanes(
    scheduler,
    telemetry,
    (view) => view.length === lanes && view.every((lane) => lane.state !== 'starting'),
    timeoutMs,
    () => new Error(`The ${lanes} lanes were not ready within ${timeoutMs / 1000} s`),
  )
}

/**
 * Resolves once `condition` holds for the gate's lanes, checked now and on
 * each lane event (not polled); rejects with `timedOut()` after `timeoutMs`.
 */
export function whenLanes(
  scheduler: Scheduler,
  telemetry: TelemetryHub,
  condition: (lanes: readonly LaneView[]) => boolean,
  timeoutMs: number,
  timedOut: () => Error,
): Promise<void> {
  const holds = () => condition(scheduler.snapshot().lanes)
  if (holds()) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      untap()
      clearTimeout(timer)
      if (error) reject(error)
      else resolve()
    }
    const untap = telemetry.tap((event) => {
      if ((event.kind === 'lane.spawned' || event.kind === 'lane.recycled') && holds()) done()
    })
    const timer = setTimeout(() => done(timedOut()), timeoutMs)
  })
}
