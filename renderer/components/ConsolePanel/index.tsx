import { useShallow } from 'zustand/react/shallow'
import { formatClockTime } from '../../format/clock'
import { useAppStore } from '../../store/context'
import { selectRunView } from '../../store/slices/run/selectors'
import { Panel } from '../Panel'

/** What the last run wrote to its console, with level and time. */
export function ConsolePanel() {
  const { runStatus, outcome } = useAppStore(useShallow(selectRunView))
  const logs = outcome?.logs ?? []
  const dropped = outcome?.droppedLogs ?? 0

  const aside =
    logs.length > 0 ? (
      <span className="tag">
        {logs.length} {logs.length === 1 ? 'line' : 'lines'}
        {dropped > 0 && `, ${dropped} dropped`}
      </span>
    ) : null

  return (
    <Panel title="Console" className="panel-console" aside={aside}>
      {logs.length === 0 ? (
        <p className="placeholder">
          {runStatus === 'running'
            ? 'The console arrives with the outcome.'
            : outcome
              ? 'The script wrote nothing to the console.'
              : 'console.log, info, warn, error and debug lines appear here.'}
        </p>
      ) : (
        <ol className="console-lines">
          {logs.map((log, index) => (
            <li key={index} className={`console-line level-${log.level}`}>
              <time className="console-time" dateTime={new Date(log.at).toISOString()}>
                {formatClockTime(log.at)}
              </time>
              <span className="console-level">{log.level}</span>
              <span className="console-text">{log.text}</span>
            </li>
          ))}
          {dropped > 0 && (
            <li className="console-line console-dropped">
              {dropped} more {dropped === 1 ? 'line was' : 'lines were'} dropped: the run exceeded
              its console budget.
            </li>
          )}
        </ol>
      )}
    </Panel>
  )
}
