import { useShallow } from 'zustand/react/shallow'
import { formatResultValue } from '../../format/json-value'
import { useAppStore } from '../../store/context'
import { selectRunView } from '../../store/slices/run/selectors'
import { Panel } from '../Panel'
import { RUN_SHORTCUT_LABEL } from '../Toolbar/shortcut'
import { ErrorView } from './ErrorView'
import { RunFacts } from './RunFacts'

/** The last run's value or error, and how it got there. */
export function ResultPanel() {
  const { runId, runStatus, outcome, requestError } = useAppStore(useShallow(selectRunView))

  let badge = null
  if (runStatus === 'running') badge = <span className="tag tag-running">running</span>
  else if (requestError) badge = <span className="tag tag-error">request failed</span>
  else if (outcome?.status === 'ok') badge = <span className="tag tag-ok">ok</span>
  else if (outcome) badge = <span className="tag tag-error">error</span>

  let body
  if (runStatus === 'running') {
    body = (
      <p className="placeholder placeholder-running">
        <span className="spinner" aria-hidden="true" /> Running <code>{runId}</code>…
      </p>
    )
  } else if (requestError) {
    body = (
      <div className="result-error">
        <p className="result-error-headline">
          <span className="error-type">Request failed</span>
        </p>
        <p className="result-error-message">{requestError}</p>
      </div>
    )
  } else if (!outcome) {
    body = (
      <p className="placeholder">
        Press <strong>Run</strong> ({RUN_SHORTCUT_LABEL}) to run the script in a fresh sandbox.
      </p>
    )
  } else {
    body = (
      <>
        {outcome.status === 'ok' ? (
          <pre className="result-value">{formatResultValue(outcome.value)}</pre>
        ) : (
          outcome.error && <ErrorView error={outcome.error} />
        )}
        <RunFacts outcome={outcome} />
      </>
    )
  }

  return (
    <Panel title="Result" className="panel-result" aside={badge}>
      <div aria-live="polite">{body}</div>
    </Panel>
  )
}
