import type { TelemetryEvent } from '../../../src/protocol/telemetry'
import { describeEvent } from '../../event-log/describe-event'
import { formatElapsedMs } from '../../format/duration'
import { insideFacts } from '../../lessons/run-events'

/**
 * "What happened inside": the facts that matter (which limit fired, which lane
 * was recycled or replaced, when the permit came back), then every event the
 * telemetry reported for the run, timed from its submission.
 */
export function InsideEvents({ events, label }: { events: TelemetryEvent[]; label: string }) {
  if (events.length === 0)
    return <p className="lesson-inside-empty">Waiting for the run’s events from the telemetry…</p>
  const facts = insideFacts(events)
  const start = events[0]?.at ?? 0
  return (
    <div className="lesson-inside">
      {facts.length > 0 && (
        <ul className="lesson-facts" aria-label={`${label}: what happened inside`}>
          {facts.map((fact, index) => (
            <li key={index} className={`lesson-fact fact-${fact.kind}`}>
              {fact.text}
            </li>
          ))}
        </ul>
      )}
      <details className="lesson-events">
        <summary>
          {events.length} {events.length === 1 ? 'event' : 'events'} from the telemetry
        </summary>
        <ol className="lesson-event-list" aria-label={`${label}: events`}>
          {events.map((event) => {
            const { label: kind, text, tone } = describeEvent(event)
            return (
              <li key={event.seq} className={`lesson-event tone-${tone}`}>
                <span className="lesson-event-time">+{formatElapsedMs(event.at - start)}</span>
                <span className="lesson-event-label">{kind}</span>
                <span className="lesson-event-text">{text}</span>
              </li>
            )
          })}
        </ol>
      </details>
    </div>
  )
}
