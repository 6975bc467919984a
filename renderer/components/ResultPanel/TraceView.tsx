import { Fragment, useEffect, useMemo, useRef, useState } from 'react'
import type { KeyboardEvent } from 'react'
import type { RunTrace } from '../../../src/protocol/trace'
import { MAX_TRACE_EVENTS } from '../../../src/protocol/trace'
import { useAppStore } from '../../store/context'
import { selectRevealInEditor } from '../../store/slices/editor/selectors'
import type { TraceRow } from './trace-rows'
import { traceCounts, traceRows } from './trace-rows'

const formatAt = (ms: number): string => `${ms < 100 ? ms.toFixed(2) : ms.toFixed(1)} ms`
const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`

const CONTEXT_LABEL = {
  macrotask: 'in a macrotask',
  microtasks: 'in a promise job',
  loop: 'in the event loop',
} as const

/**
 * A run's event-loop trace: a time axis, then every event in order in the
 * lane it happened in (macrotasks, promise jobs, the loop between them), with
 * console lines in place. Prev/Next (or the arrow keys in the list) walk it
 * event by event; a timer's entry links to the line that set it: in the
 * editor, or wherever `onLine` shows it (a lesson's script).
 */
export function TraceView({ trace, onLine }: { trace: RunTrace; onLine?: (line: number) => void }) {
  const rows = useMemo(() => traceRows(trace), [trace])
  const counts = useMemo(() => traceCounts(trace), [trace])
  const [selected, setSelected] = useState(0)
  const revealInEditor = useAppStore(selectRevealInEditor)
  const listRef = useRef<HTMLOListElement>(null)
  const last = rows.length - 1

  // Scrolls the list alone (scrollIntoView would scroll the pane too, hiding the step control).
  useEffect(() => {
    const list = listRef.current
    const row = list?.querySelector('[aria-current="true"]')
    if (!list || !row) return
    const box = list.getBoundingClientRect()
    const at = row.getBoundingClientRect()
    if (at.top < box.top) list.scrollTop -= box.top - at.top
    else if (at.bottom > box.bottom) list.scrollTop += at.bottom - box.bottom
  }, [selected])

  if (rows.length === 0) return <p className="placeholder">The trace is empty.</p>
  const current = rows[Math.min(selected, last)] as TraceRow
  const endMs = Math.max(rows[last]?.event.at ?? 0, 0.001)
  // Events past the cap were kept because they close the run; the gap goes before them.
  const gapBefore = trace.dropped > 0 ? Math.min(MAX_TRACE_EVENTS, rows.length) : -1

  const step = (to: number) => setSelected(Math.max(0, Math.min(last, to)))
  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = {
      ArrowDown: selected + 1,
      ArrowUp: selected - 1,
      Home: 0,
      End: last,
    }
    const to = moves[event.key]
    if (to === undefined) return
    event.preventDefault()
    step(to)
  }
  const lineLink = (row: TraceRow) =>
    row.line !== undefined && (
      <button
        type="button"
        className="link-button trace-line"
        aria-label={
          onLine ? `Show line ${row.line} of the script` : `Go to line ${row.line} in the editor`
        }
        title={
          onLine
            ? 'Mark the line that set this timer'
            : "Move the editor's cursor to the line that set this timer"
        }
        onClick={() => {
          setSelected(row.index)
          if (onLine) onLine(row.line ?? 1)
          else revealInEditor({ line: row.line ?? 1, column: 1 })
        }}
      >
        line {row.line}
      </button>
    )

  return (
    <div className="trace-view">
      <div className="trace-toolbar">
        <div className="trace-step" role="group" aria-label="Step through the trace">
          <button
            type="button"
            className="button button-small"
            aria-label="Previous event"
            disabled={selected === 0}
            onClick={() => step(selected - 1)}
          >
            ◀ Prev
          </button>
          <span className="trace-position">
            Event {selected + 1} of {rows.length}
          </span>
          <button
            type="button"
            className="button button-small"
            aria-label="Next event"
            disabled={selected >= last}
            onClick={() => step(selected + 1)}
          >
            Next ▶
          </button>
        </div>
        <p className="trace-summary">
          <span className="trace-legend-item trace-legend-macrotask">
            {plural(counts.timers, 'timer')} fired
          </span>{' '}
          ·{' '}
          <span className="trace-legend-item trace-legend-microtasks">
            {plural(counts.batches, 'job batch', 'job batches')}
          </span>{' '}
          · {plural(counts.logs, 'console line')}
          {trace.dropped > 0 && ` · ${plural(trace.dropped, 'event')} not recorded`}
        </p>
      </div>

      <div className="trace-axis" aria-hidden="true">
        {rows.map((row) =>
          row.opens ? (
            <span
              key={row.index}
              className={`trace-tick trace-tick-${row.context}`}
              style={{ left: `${(row.event.at / endMs) * 100}%` }}
            />
          ) : null,
        )}
        <span className="trace-playhead" style={{ left: `${(current.event.at / endMs) * 100}%` }} />
      </div>

      <div className="trace-current" aria-live="polite" data-testid="trace-current">
        <span className="trace-at">{formatAt(current.event.at)}</span>
        <span className={`trace-context trace-context-${current.context}`}>
          {CONTEXT_LABEL[current.context]}
        </span>
        <span className="trace-current-text">{current.text}</span>
        {lineLink(current)}
      </div>

      <ol className="trace-list" ref={listRef} aria-label="Trace events" onKeyDown={onKeyDown}>
        {rows.map((row) => (
          <Fragment key={row.index}>
            {row.index === gapBefore && (
              <li className="trace-gap">
                … {plural(trace.dropped, 'more event')} not recorded (a trace keeps{' '}
                {MAX_TRACE_EVENTS.toLocaleString('en-US')})
              </li>
            )}
            <li
              className={`trace-row trace-in-${row.context} trace-kind-${row.event.kind}${row.opens ? ' trace-opens' : ''}${row.event.kind === 'log' ? ` trace-log-${row.event.level}` : ''}`}
              aria-current={row.index === selected ? 'true' : undefined}
            >
              <span className="trace-at">{formatAt(row.event.at)}</span>
              <span className="trace-lanes" aria-hidden="true">
                <span className="trace-lane trace-lane-macrotask" />
                <span className="trace-lane trace-lane-microtasks" />
              </span>
              <button
                type="button"
                className="trace-text"
                aria-label={`${formatAt(row.event.at)}: ${row.text}`}
                onClick={() => setSelected(row.index)}
              >
                {row.text}
              </button>
              {lineLink(row)}
            </li>
          </Fragment>
        ))}
      </ol>
    </div>
  )
}
