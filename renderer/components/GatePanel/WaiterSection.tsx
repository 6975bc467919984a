import type { GateSnapshot } from '../../../src/protocol/telemetry'
import { formatElapsedMs } from '../../format/duration'
import { shortRunId } from './short-id'

const MAX_WAITER_ROWS = 40

interface WaiterSectionProps {
  waiters: GateSnapshot['waiters']
  /** All waiting runs; the snapshot lists only the oldest. */
  waitersTotal: number
  elapsedMs: number
  headingId: string
}

/** Runs waiting for a permit, first in line first, each with its age and its countdown to ConcurrencyError. */
export function WaiterSection({ waiters, waitersTotal, elapsedMs, headingId }: WaiterSectionProps) {
  const shown = waiters.slice(0, MAX_WAITER_ROWS)
  // Focusable: it scrolls when the line is long, and a keyboard user must be able to scroll it.
  return (
    <section className="gate-section gate-waiters" aria-labelledby={headingId} tabIndex={0}>
      <h3 id={headingId} className="gate-heading">
        Waiting <span className="gate-heading-count">{waitersTotal}</span>
      </h3>
      {waiters.length === 0 ? (
        <p className="gate-empty">No run is waiting for a permit.</p>
      ) : (
        <ol className="waiter-list" aria-label="Waiters">
          {shown.map((waiter, index) => {
            const ageMs = waiter.ageMs + elapsedMs
            const leftMs =
              waiter.timeoutInMs === null ? null : Math.max(0, waiter.timeoutInMs - elapsedMs)
            const budget = waiter.timeoutInMs === null ? null : waiter.ageMs + waiter.timeoutInMs
            const share = leftMs === null || !budget ? 1 : leftMs / budget
            return (
              <li
                key={waiter.runId}
                className={`waiter${share < 0.25 ? ' is-urgent' : ''}`}
                title={waiter.runId}
              >
                <span className="waiter-position">{index + 1}</span>
                <span className="waiter-run">{shortRunId(waiter.runId)}</span>
                <span className="waiter-age">waited {formatElapsedMs(ageMs)}</span>
                <span className="waiter-deadline">
                  {leftMs === null ? 'no wait limit' : `gives up in ${formatElapsedMs(leftMs)}`}
                </span>
                <span className="waiter-bar" aria-hidden="true">
                  <span style={{ width: `${share * 100}%` }} />
                </span>
              </li>
            )
          })}
        </ol>
      )}
      {waitersTotal > shown.length && (
        <p className="gate-more">+{waitersTotal - shown.length} more waiting</p>
      )}
    </section>
  )
}
