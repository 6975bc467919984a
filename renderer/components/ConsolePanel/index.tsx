import { memo, useLayoutEffect, useMemo, useRef } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { formatClockTime } from '../../format/clock'
import { formatDurationMs } from '../../format/duration'
import { useAppStore } from '../../store/context'
import { selectConsoleView } from '../../store/slices/run/selectors'
import type { ConsoleEntry } from '../../store/slices/run/types'
import { selectConsoleFilter, selectConsoleFilterActions } from '../../store/slices/ui/selectors'
import { Panel } from '../Panel'
import type { JsonNode } from '../../json-tree/tree-model'
import { JsonTree } from '../ResultPanel/JsonTree'
import { LOG_LEVELS, countByLevel, filterConsoleEntries, isFilterActive } from './console-filter'
import { splitLogLine } from './log-parts'

/**
 * What the runs wrote to their console: level, time and text, a header per
 * run. Lines arrive while a run runs; objects, Maps, Sets and errors show as
 * trees.
 */
export function ConsolePanel() {
  const { entries, overflow, clearConsole, waiting } = useAppStore(useShallow(selectConsoleView))
  const filter = useAppStore(selectConsoleFilter)
  const { setConsoleText, toggleConsoleLevel } = useAppStore(useShallow(selectConsoleFilterActions))
  const shown = useMemo(() => filterConsoleEntries(entries, filter), [entries, filter])
  const counts = useMemo(() => countByLevel(entries), [entries])
  const dropped = useMemo(
    () => entries.reduce((sum, entry) => sum + (entry.kind === 'run' ? entry.droppedLogs : 0), 0),
    [entries],
  )
  const lineCount = counts.log + counts.info + counts.warn + counts.error + counts.debug
  const filtered = isFilterActive(filter)

  // Stay at the newest line while the reader is there.
  const scroller = useRef<HTMLDivElement>(null)
  const atEnd = useRef(true)
  useLayoutEffect(() => {
    const element = scroller.current
    if (element && atEnd.current) element.scrollTop = element.scrollHeight
  }, [shown])

  const aside = (
    <>
      {dropped > 0 && (
        <span
          className="tag tag-warn"
          title="Lines the sandbox dropped: a run may log 1000 lines or 256 KiB"
        >
          {dropped} dropped
        </span>
      )}
      <span className="tag">
        {filtered ? `${shown.filter((e) => e.kind === 'log').length} of ` : ''}
        {lineCount} {lineCount === 1 ? 'line' : 'lines'}
      </span>
    </>
  )

  return (
    <Panel title="Console" className="panel-console" aside={aside}>
      <div className="console-toolbar">
        <input
          type="search"
          className="input input-small console-search"
          placeholder="Filter lines"
          aria-label="Filter console lines"
          value={filter.text}
          onChange={(event) => setConsoleText(event.target.value)}
        />
        <div className="level-toggles" role="group" aria-label="Console levels">
          {LOG_LEVELS.map((level) => (
            <button
              key={level}
              type="button"
              className={`level-toggle level-${level}`}
              aria-pressed={filter.levels[level]}
              title={`${filter.levels[level] ? 'Hide' : 'Show'} ${level} lines`}
              onClick={() => toggleConsoleLevel(level)}
            >
              {level} <span className="level-count">{counts[level]}</span>
            </button>
          ))}
        </div>
        <button
          type="button"
          className="button button-small"
          aria-label="Clear console"
          title="Clear the console"
          disabled={entries.length === 0}
          onClick={clearConsole}
        >
          Clear
        </button>
      </div>
      <div
        className="console-scroller"
        // Scrolls on its own: focusable, so the keyboard can scroll it too.
        tabIndex={0}
        ref={scroller}
        onScroll={(event) => {
          const element = event.currentTarget
          atEnd.current = element.scrollTop + element.clientHeight >= element.scrollHeight - 4
        }}
      >
        {shown.length === 0 ? (
          <p className="placeholder">
            {entries.length > 0
              ? 'No line matches the filter.'
              : waiting
                ? 'Lines appear here as the run writes them.'
                : 'console.log, info, warn, error and debug lines appear here, under a header per run.'}
          </p>
        ) : (
          <ol className="console-lines" aria-label="Console lines">
            {overflow > 0 && (
              <li className="console-line console-overflow">
                {overflow} older {overflow === 1 ? 'line was' : 'lines were'} removed to keep the
                console small.
              </li>
            )}
            {shown.map((entry) => (
              <ConsoleLine key={entry.key} entry={entry} />
            ))}
          </ol>
        )}
      </div>
    </Panel>
  )
}

/** Entries keep their identity while the console grows: a line renders (and parses) once. */
const ConsoleLine = memo(function ConsoleLine({ entry }: { entry: ConsoleEntry }) {
  const time = (
    <time className="console-time" dateTime={new Date(entry.at).toISOString()}>
      {formatClockTime(entry.at)}
    </time>
  )
  if (entry.kind === 'log') {
    return (
      <li className={`console-line level-${entry.level}`}>
        {time}
        <span className="console-level">{entry.level}</span>
        <LogText text={entry.text} spans={entry.spans} />
      </li>
    )
  }
  const status =
    entry.status === 'ok'
      ? 'ok'
      : entry.status === 'running'
        ? 'running…'
        : (entry.errorType ?? 'error')
  const statusClass =
    entry.status === 'ok' ? 'run-ok' : entry.status === 'running' ? 'run-running' : 'run-error'
  return (
    <li className={`console-line console-run status-${entry.status}`}>
      {time}
      <span className="console-run-title">
        <code>{entry.runId}</code>
        <span className={statusClass}>{status}</span>
        <span className="console-run-meta">
          {entry.status === 'running' ? 'so far' : formatDurationMs(entry.totalMs)} ·{' '}
          {entry.lineCount} {entry.lineCount === 1 ? 'line' : 'lines'}
          {entry.droppedLogs > 0 && (
            <span className="console-dropped">
              {' '}
              · {entry.droppedLogs} dropped (over the console budget)
            </span>
          )}
        </span>
      </span>
    </li>
  )
})

/**
 * A console holds many lines: a logged value opens only when it is an error
 * (its message and stack are the point) or small; the rest opens on a click.
 */
const startsOpenInConsole = (node: JsonNode): boolean =>
  node.depth === 0 && (node.type === 'error' || node.childCount <= 5)

/** A line's text, with each object it logged as a tree (the stack of an error line by line). */
function LogText({ text, spans }: { text: string; spans: readonly number[] | undefined }) {
  const parts = useMemo(() => splitLogLine(text, spans), [text, spans])
  if (parts.length === 1 && parts[0]?.kind === 'text')
    return <span className="console-text">{text}</span>
  return (
    <span className="console-text console-rich">
      {parts.map((part, index) =>
        part.kind === 'text' ? (
          <span key={index}>{part.text}</span>
        ) : (
          <JsonTree
            key={index}
            value={part.value}
            label="Logged value"
            startsOpen={startsOpenInConsole}
          />
        ),
      )}
    </span>
  )
}
