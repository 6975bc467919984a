import { useId } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { RunOutcome } from '../../../src/protocol/outcome'
import { useAppStore } from '../../store/context'
import { selectRunView } from '../../store/slices/run/selectors'
import { Panel } from '../Panel'
import { RUN_SHORTCUT_LABEL } from '../Toolbar/shortcut'
import { ErrorView } from './ErrorView'
import { RunFacts } from './RunFacts'
import { RunProgress } from './RunProgress'
import { TraceView } from './TraceView'
import { ValueView } from './ValueView'

/** The last run's value or error, and how it got there. */
export function ResultPanel() {
  const { runId, inFlight, submittedAt, outcome, requestError, tab, setTab } = useAppStore(
    useShallow(selectRunView),
  )
  const tabsId = useId()

  let badge = null
  let announcement = ''
  if (inFlight) badge = <span className="tag tag-running">running</span>
  else if (requestError) {
    badge = <span className="tag tag-error">request failed</span>
    announcement = 'The run request failed'
  } else if (outcome?.status === 'ok') {
    badge = <span className="tag tag-ok">ok</span>
    announcement = 'The run finished'
  } else if (outcome) {
    badge = <span className="tag tag-error">{outcome.error?.type ?? 'error'}</span>
    announcement = `The run failed: ${outcome.error?.type ?? 'error'}`
  }

  let body
  if (inFlight && runId) {
    body = <RunProgress runId={runId} submittedAt={submittedAt} />
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
      <div className="placeholder">
        <p>
          Press <strong>Run</strong> ({RUN_SHORTCUT_LABEL} or F5) to run the script in a fresh
          sandbox.
        </p>
        <p>
          Its value shows here as a tree, errors with a link to their line, and how the run passed
          the gate. Pick a script from <strong>Examples</strong> to see the rest.
        </p>
      </div>
    )
  } else {
    const tabs = [
      { id: 'result', label: 'Result' },
      {
        id: 'trace',
        label: outcome.trace ? `Trace (${outcome.trace.events.length})` : 'Trace',
      },
    ] as const
    body = (
      <>
        <div className="result-tabs" role="tablist" aria-label="Result views">
          {tabs.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`${tabsId}-${t.id}`}
              className="result-tab"
              aria-selected={tab === t.id}
              aria-controls={`${tabsId}-${t.id}-panel`}
              onClick={() => setTab(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
        <div
          role="tabpanel"
          id={`${tabsId}-${tab}-panel`}
          aria-labelledby={`${tabsId}-${tab}`}
          className={`result-tab-panel result-tab-panel-${tab}`}
        >
          {tab === 'result' ? <ResultBody outcome={outcome} /> : <TraceBody outcome={outcome} />}
        </div>
      </>
    )
  }

  return (
    <Panel title="Result" className="panel-result" aside={badge}>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {body}
    </Panel>
  )
}

function ResultBody({ outcome }: { outcome: RunOutcome }) {
  return (
    <>
      {outcome.status === 'ok' ? (
        <ValueView key={outcome.id} value={outcome.value} />
      ) : (
        outcome.error && <ErrorView error={outcome.error} />
      )}
      <RunFacts outcome={outcome} />
    </>
  )
}

function TraceBody({ outcome }: { outcome: RunOutcome }) {
  if (outcome.trace) return <TraceView key={outcome.id} trace={outcome.trace} />
  return (
    <div className="placeholder">
      <p>This run was not traced.</p>
      <p>
        Turn on <strong>Trace</strong> beside Run and run it again to see its event loop: the
        synchronous part, each timer set and fired, each batch of promise jobs, and the console
        lines between them, in order.
      </p>
    </div>
  )
}
