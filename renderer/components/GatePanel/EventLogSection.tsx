import { useShallow } from 'zustand/react/shallow'
import type { TelemetryEvent } from '../../../src/protocol/telemetry'
import { describeEvent } from '../../event-log/describe-event'
import { EVENT_FILTERS, EVENT_FILTER_LABEL } from '../../event-log/event-kinds'
import { formatClockTime } from '../../format/clock'
import { useFrameVersion } from '../../hooks/use-frame-version'
import { useAppStore } from '../../store/context'
import { selectEventLog, selectGateActions } from '../../store/slices/gate/selectors'
import { selectEventLogControls } from '../../store/slices/ui/selectors'
import { VirtualList } from '../VirtualList'
import { EventDetail } from './EventDetail'

export const EVENT_ROW_HEIGHT = 22

const numberFormat = new Intl.NumberFormat('en')

/**
 * The telemetry event log: every event the core sent, newest at the bottom,
 * filterable to timeouts, panics or rejections. It reads from the EventLog
 * ring buffers and renders only the visible rows, once per frame at most.
 */
export function EventLogSection({ headingId }: { headingId: string }) {
  const log = useAppStore(selectEventLog)
  const version = useFrameVersion(log)
  const { filter, selectedSeq, setFilter, selectEvent } = useAppStore(
    useShallow(selectEventLogControls),
  )
  const { clearEventLog } = useAppStore(useShallow(selectGateActions))
  const view = log.view(filter)
  const totals = log.totals()
  const selectedIndex = selectedSeq === null ? -1 : log.indexOf(filter, selectedSeq)

  const renderRow = (index: number) => {
    const event = view.get(index)
    if (!event) return null
    return (
      <EventRow
        event={event}
        selected={event.seq === selectedSeq}
        onSelect={() => selectEvent(event.seq === selectedSeq ? null : event.seq)}
      />
    )
  }

  return (
    <section className="gate-section gate-events" aria-labelledby={headingId}>
      <h3 id={headingId} className="gate-heading">
        Events
        <span
          className="gate-heading-count"
          title={`Keeps the newest ${numberFormat.format(log.capacity)} per filter`}
        >
          {numberFormat.format(totals.all)}
        </span>
      </h3>
      <div className="event-toolbar">
        <div className="segmented segmented-small" role="group" aria-label="Show events">
          {EVENT_FILTERS.map((name) => (
            <button
              key={name}
              type="button"
              className={`filter-${name}`}
              aria-pressed={filter === name}
              onClick={() => setFilter(name)}
            >
              {EVENT_FILTER_LABEL[name]}
              {name !== 'all' && (
                <span className="filter-count">{numberFormat.format(totals[name])}</span>
              )}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="button button-tiny"
          aria-label="Clear the event log"
          title="Clear the event log"
          disabled={totals.all === 0}
          onClick={clearEventLog}
        >
          Clear
        </button>
      </div>
      <VirtualList
        className="event-list"
        ariaLabel="Event log"
        count={view.length}
        rowHeight={EVENT_ROW_HEIGHT}
        version={version}
        evicted={view.evicted}
        scrollToIndex={selectedIndex === -1 ? null : selectedIndex}
        renderRow={renderRow}
        empty={
          <p className="gate-empty event-empty">
            {filter === 'all'
              ? 'Events appear here as runs pass the gate.'
              : `No ${EVENT_FILTER_LABEL[filter].toLowerCase()} yet.`}
          </p>
        }
      />
      {selectedSeq !== null && (
        <EventDetail seq={selectedSeq} version={version} onClose={() => selectEvent(null)} />
      )}
    </section>
  )
}

function EventRow({
  event,
  selected,
  onSelect,
}: {
  event: TelemetryEvent
  selected: boolean
  onSelect: () => void
}) {
  const { label, text, tone } = describeEvent(event)
  const marked = tone === 'timeout' || tone === 'panic' || tone === 'rejection'
  return (
    <button
      type="button"
      className={`event-row tone-${tone}${selected ? ' is-selected' : ''}`}
      aria-pressed={selected}
      title={marked ? `${text}: show what was released and replaced` : text}
      onClick={onSelect}
    >
      <span className="event-mark" aria-hidden="true" />
      <span className="event-time">{formatClockTime(event.at)}</span>
      <span className="event-label">{label}</span>
      <span className="event-text">{text}</span>
    </button>
  )
}
