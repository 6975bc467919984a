import { useId, useState } from 'react'
import type { FaultRequest } from '../../../src/protocol/faults'
import type { LaneView } from '../../../src/protocol/telemetry'
import { formatClockTime } from '../../format/clock'
import { useAppStore } from '../../store/context'
import { selectIsConnected } from '../../store/slices/connection/selectors'
import { selectInjectFault, selectLastFault } from '../../store/slices/lessons/selectors'

const MAX_THROW_COUNT = 10_000

/**
 * Fault injection: kill or hang a lane, kill the sandbox host, make the next
 * runs throw. The recovery shows live in the permits, the lanes and the
 * event log around it; the line below says what the core did.
 */
export function FaultPanel({ lanes }: { lanes: readonly LaneView[] }) {
  const injectFault = useAppStore(selectInjectFault)
  const lastFault = useAppStore(selectLastFault)
  const connected = useAppStore(selectIsConnected)
  const headingId = useId()
  const laneId = useId()
  const countId = useId()
  const [lane, setLane] = useState(0)
  const [countText, setCountText] = useState('2')
  const [busy, setBusy] = useState(false)
  const chosenLane = lanes.some((view) => view.lane === lane) ? lane : (lanes[0]?.lane ?? 0)
  const count = Number(countText)
  const countValid = Number.isInteger(count) && count >= 1 && count <= MAX_THROW_COUNT

  const inject = async (fault: FaultRequest) => {
    setBusy(true)
    try {
      await injectFault(fault)
    } finally {
      setBusy(false)
    }
  }
  const disabled = busy || !connected

  return (
    <section className="gate-section fault-panel" aria-labelledby={headingId}>
      <h3 id={headingId} className="gate-heading">
        Faults
      </h3>
      <div className="fault-row">
        <label htmlFor={laneId} className="visually-hidden">
          Lane
        </label>
        <select
          id={laneId}
          className="select select-small"
          value={chosenLane}
          onChange={(event) => setLane(Number(event.target.value))}
          disabled={lanes.length === 0}
        >
          {lanes.map((view) => (
            <option key={view.lane} value={view.lane}>
              Lane {view.lane}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button button-tiny button-danger"
          aria-label={`Kill lane ${chosenLane}`}
          title="End the lane's thread, as a crash would: its run ends as PanicError and the lane is replaced"
          disabled={disabled || lanes.length === 0}
          onClick={() => void inject({ kind: 'kill-lane', lane: chosenLane })}
        >
          Kill
        </button>
        <button
          type="button"
          className="button button-tiny"
          aria-label={`Hang lane ${chosenLane}`}
          title="Make the lane's thread stop answering: it shows as unresponsive within two seconds, takes no runs, and is replaced"
          disabled={disabled || lanes.length === 0}
          onClick={() => void inject({ kind: 'hang-lane', lane: chosenLane })}
        >
          Hang
        </button>
        <button
          type="button"
          className="button button-tiny button-danger"
          aria-label="Kill host (the sandbox process)"
          title="SIGKILL the sandbox host process: every run it held ends as PanicError and a new host starts"
          disabled={disabled}
          onClick={() => void inject({ kind: 'kill-host' })}
        >
          Kill host
        </button>
      </div>
      <div className="fault-row">
        <button
          type="button"
          className="button button-tiny"
          aria-label={`Throw next ${countValid ? count : 'N'} ${count === 1 ? 'run' : 'runs'}`}
          title="The next runs fail at once with an injected ScriptError"
          disabled={disabled || !countValid}
          onClick={() => void inject({ kind: 'throw-next', count })}
        >
          Throw next
        </button>
        <label htmlFor={countId} className="visually-hidden">
          How many runs throw
        </label>
        <input
          id={countId}
          className="input input-small fault-count"
          type="number"
          min={1}
          max={MAX_THROW_COUNT}
          step={1}
          value={countText}
          aria-invalid={!countValid}
          onChange={(event) => setCountText(event.target.value)}
        />
        <span className="fault-unit">{count === 1 ? 'run' : 'runs'}</span>
      </div>
      <p
        className={`fault-status${lastFault && !lastFault.ok ? ' is-error' : ''}`}
        role="status"
        aria-label="Fault result"
      >
        {lastFault
          ? `${formatClockTime(lastFault.at)} ${lastFault.message}`
          : 'Each fault recovers by itself: watch the permits, the lanes and the events.'}
      </p>
    </section>
  )
}
