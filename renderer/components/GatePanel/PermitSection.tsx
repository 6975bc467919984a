import type { GateSnapshot } from '../../../src/protocol/telemetry'
import { formatElapsedMs } from '../../format/duration'
import { runPhase } from '../../store/slices/gate/run-phase'
import { shortRunId } from './short-id'

/** Beyond this many permits, free slots are summed up instead of listed. */
const MAX_SLOT_ROWS = 12

interface PermitSectionProps {
  /** The whole snapshot: what each holder does is read from the lanes and the awaiting list. */
  snapshot: GateSnapshot
  elapsedMs: number
  /** The gate's run timeout, to show how close a holder is to it. */
  runTimeoutMs: number | null
  headingId: string
}

/** What a permit's holder is doing, in words: `running on lane 1`, `waiting for a lane`. */
export function permitActivity(snapshot: GateSnapshot, runId: string): string {
  const phase = runPhase(snapshot, runId)
  switch (phase.phase) {
    case 'awaiting-lane':
      return 'waiting for a lane'
    case 'next-on-lane':
      return `next on lane ${phase.lane}`
    case 'running':
      return phase.lane === null ? 'handed to the sandbox' : `running on lane ${phase.lane}`
    default:
      return 'admitted'
  }
}

/** The semaphore: permits held out of the total, and one row per permit with its holder and what it does. */
export function PermitSection({
  snapshot,
  elapsedMs,
  runTimeoutMs,
  headingId,
}: PermitSectionProps) {
  const { total, inUse, slots } = snapshot.permits
  const held = slots.slice(0, MAX_SLOT_ROWS)
  const freeRows = Math.max(0, Math.min(total, MAX_SLOT_ROWS) - held.length)
  const hiddenHeld = slots.length - held.length
  const hiddenFree = Math.max(0, total - inUse - freeRows)
  const percent = total === 0 ? 0 : Math.min(100, (inUse / total) * 100)

  return (
    <section className="gate-section gate-permits" aria-labelledby={headingId}>
      <h3 id={headingId} className="gate-heading">
        Permits
      </h3>
      <div
        className="permit-gauge"
        role="meter"
        aria-label="Permits held"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={inUse}
        aria-valuetext={`${inUse} of ${total} permits held`}
      >
        <span className="permit-count">
          <strong>{inUse}</strong> / {total}
        </span>
        <span className="permit-count-label">held</span>
        <span className={`permit-gauge-bar${inUse >= total ? ' is-full' : ''}`} aria-hidden="true">
          <span className="permit-gauge-fill" style={{ width: `${percent}%` }} />
        </span>
      </div>
      <ol className="slot-list" aria-label="Permit slots">
        {held.map((slot, index) => {
          const heldMs = slot.heldMs + elapsedMs
          const share = runTimeoutMs ? Math.min(1, heldMs / runTimeoutMs) : 0
          return (
            <li key={slot.runId} className="slot slot-held" title={slot.runId}>
              <span className="slot-index">{index + 1}</span>
              <span className="slot-run">{shortRunId(slot.runId)}</span>
              <span className="slot-time">{formatElapsedMs(heldMs)}</span>
              <span className="slot-activity">{permitActivity(snapshot, slot.runId)}</span>
              <span className="slot-bar" aria-hidden="true">
                <span style={{ width: `${share * 100}%` }} />
              </span>
            </li>
          )
        })}
        {Array.from({ length: freeRows }, (_, index) => (
          <li key={`free-${index}`} className="slot slot-free">
            <span className="slot-index">{held.length + index + 1}</span>
            <span className="slot-run">free</span>
          </li>
        ))}
      </ol>
      {(hiddenHeld > 0 || hiddenFree > 0) && (
        <p className="gate-more">
          {hiddenHeld > 0 && `+${hiddenHeld} more held`}
          {hiddenHeld > 0 && hiddenFree > 0 && ', '}
          {hiddenFree > 0 && `${hiddenFree} more free`}
        </p>
      )}
    </section>
  )
}
