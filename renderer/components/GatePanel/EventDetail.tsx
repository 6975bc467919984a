import { useMemo } from 'react'
import { describeEvent } from '../../event-log/describe-event'
import { formatClockTime } from '../../format/clock'
import { formatDurationMs } from '../../format/duration'
import { CAUSE_HELP } from '../../format/error-help'
import { useAppStore } from '../../store/context'
import { selectEventLog } from '../../store/slices/gate/selectors'

interface EventDetailProps {
  seq: number
  /** The log's version: related events that arrive later (a lane coming back) update the detail. */
  version: number
  onClose: () => void
}

/** What an event released and replaced: the permits its runs held and for how long, the lanes recycled. */
export function EventDetail({ seq, version, onClose }: EventDetailProps) {
  const log = useAppStore(selectEventLog)
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` stands for the log's content
  const explanation = useMemo(() => log.explain(seq), [log, seq, version])

  if (!explanation) {
    return (
      <div className="event-detail" role="region" aria-label="Event details">
        <p className="gate-empty">That event is no longer in the log.</p>
        <button
          type="button"
          className="button button-tiny event-detail-close"
          onClick={onClose}
          aria-label="Close event details"
        >
          ×
        </button>
      </div>
    )
  }

  const { event, runs, lanes } = explanation
  const { label, text, tone } = describeEvent(event)
  const released = runs.filter((run) => run.heldMs !== undefined)
  const outcomes = runs.filter((run) => run.status !== undefined)

  return (
    <div className={`event-detail tone-${tone}`} role="region" aria-label="Event details">
      <button
        type="button"
        className="button button-tiny event-detail-close"
        onClick={onClose}
        aria-label="Close event details"
      >
        ×
      </button>
      <p className="event-detail-title">
        <span className="event-label">{label}</span> {text}
        <span className="event-detail-time"> · {formatClockTime(event.at)}</span>
      </p>
      <dl className="event-detail-facts">
        {released.length > 0 && (
          <div>
            <dt>Released</dt>
            <dd>
              {released.map((run) => (
                <span key={run.runId} className="detail-line">
                  the permit held by <code>{run.runId}</code> for{' '}
                  {formatDurationMs(run.heldMs ?? 0)}
                </span>
              ))}
            </dd>
          </div>
        )}
        {lanes.length > 0 && (
          <div>
            <dt>Replaced</dt>
            <dd>
              {lanes.map((lane) => (
                <span key={`${lane.lane}-${lane.at}`} className="detail-line">
                  lane {lane.lane}: {lane.cause}
                  {lane.readyAfterMs !== undefined
                    ? `; its replacement was ready ${formatDurationMs(lane.readyAfterMs)} later`
                    : '; its replacement is starting'}
                </span>
              ))}
            </dd>
          </div>
        )}
        {outcomes.length > 0 && (
          <div>
            <dt>Outcome</dt>
            <dd>
              {outcomes.map((run) => (
                <span key={run.runId} className="detail-line">
                  <code>{run.runId}</code>{' '}
                  {run.status === 'ok'
                    ? 'ok'
                    : `${run.errorType ?? 'error'}${run.cause ? ` (${run.cause})` : ''}`}
                  {run.lane !== undefined && ` on lane ${run.lane}`}
                  {run.totalMs !== undefined && ` after ${formatDurationMs(run.totalMs)}`}
                </span>
              ))}
            </dd>
          </div>
        )}
        {event.kind === 'lane.recycled' && event.detail && (
          <div>
            <dt>The engine said</dt>
            <dd>
              <pre className="event-detail-engine">{event.detail}</pre>
            </dd>
          </div>
        )}
        {released.length === 0 && lanes.length === 0 && outcomes.length === 0 && (
          <div>
            <dt>Nothing</dt>
            <dd>was released or replaced around this event.</dd>
          </div>
        )}
      </dl>
      {outcomes.map((run) =>
        run.cause && CAUSE_HELP[run.cause] ? (
          <p key={run.runId} className="event-detail-help">
            {CAUSE_HELP[run.cause]}
          </p>
        ) : null,
      )}
    </div>
  )
}
