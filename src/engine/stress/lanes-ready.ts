import type { Scheduler } from '../scheduler'
import type { TelemetryHub } from '../telemetry'

/** How long a new sandbox host may take to bring its lanes up. */
export const LANES_READY_TIMEOUT_MS = 30_000

/**
 * Resolves once the gate has `lanes` lanes and none is still starting; a
 * lane count change starts a new sandbox host, and a policy's first runs
 * must not pay for its start-up. Checked on each lane event, not polled.
 */
export function lanesReady(
  scheduler: Scheduler,
  telemetry: TelemetryHub,
  lanes: number,
  timeoutMs = LANES_READY_TIMEOUT_MS,
): Promise<void> {
  const ready = () => {
    const view = scheduler.snapshot().lanes
    return view.length === lanes && view.every((lane) => lane.state !== 'starting')
  }
  if (ready()) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      untap()
      clearTimeout(timer)
      if (error) reject(error)
      else resolve()
    }
    const untap = telemetry.tap((event) => {
      if ((event.kind === 'lane.spawned' || event.kind === 'lane.recycled') && ready()) done()
    })
    const timer = setTimeout(
      () => done(new Error(`The ${lanes} lanes were not ready within ${timeoutMs / 1000} s`)),
      timeoutMs,
    )
  })
}
