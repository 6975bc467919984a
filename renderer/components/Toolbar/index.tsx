import { useShallow } from 'zustand/react/shallow'
import { FilesMenu } from '../FilesMenu'
import { ViewTabs } from '../ViewTabs'
import { useAppStore } from '../../store/context'
import { selectConnection } from '../../store/slices/connection/selectors'
import { selectRunControls } from '../../store/slices/run/selectors'
import { selectSetSettingsOpen, selectView } from '../../store/slices/ui/selectors'
import { ExamplesMenu } from './ExamplesMenu'
import { LanguageSwitch } from './LanguageSwitch'
import { LimitsPopover } from './LimitsPopover'
import {
  RUN_KEYSHORTCUTS,
  RUN_SHORTCUT_LABEL,
  STOP_KEYSHORTCUTS,
  STOP_SHORTCUT_LABEL,
} from './shortcut'
import { TabFocusToggle } from './TabFocusToggle'
import { ThemeSelect } from './ThemeSelect'

const CONNECTION_LABEL = {
  connecting: 'Connecting…',
  open: 'Connected',
  closed: 'Disconnected',
} as const

/**
 * Two rows that never reflow: the window's own controls (views, status,
 * theme, Tab behaviour, settings) above, and, in the playground only, the
 * script's (Run, Stop, file, examples, language, limits) below. Each row fits
 * 1280 px whatever the file name (it is cut with an ellipsis).
 */
export function Toolbar() {
  const { inFlightCount, blockedReason, startRun, stopRuns, traceRuns, setTraceRuns } = useAppStore(
    useShallow(selectRunControls),
  )
  const connection = useAppStore(selectConnection)
  const openSettings = useAppStore(selectSetSettingsOpen)
  const view = useAppStore(selectView)
  const running = inFlightCount > 0

  return (
    <header className="toolbar">
      <div className="toolbar-row">
        <h1 className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Gatehouse</span>
        </h1>
        <ViewTabs />
        <div className="toolbar-status">
          <span
            className={`status-pill ${running ? 'run-running' : 'run-idle'}`}
            role="status"
            aria-label="Run status"
          >
            {inFlightCount === 0
              ? 'Idle'
              : inFlightCount === 1
                ? 'Running…'
                : `${inFlightCount} running`}
          </span>
          <span
            className={`status-pill connection-${connection.status}`}
            title={connection.message ?? CONNECTION_LABEL[connection.status]}
          >
            <span className="status-dot" aria-hidden="true" />
            {CONNECTION_LABEL[connection.status]}
          </span>
          <TabFocusToggle />
          <ThemeSelect />
          <button
            type="button"
            className="button"
            title="Gate settings: permits, wait timeout, lanes, run limits"
            onClick={() => openSettings(true)}
          >
            Settings
          </button>
        </div>
      </div>

      {view === 'playground' && (
        <div className="toolbar-row">
          <div role="toolbar" aria-label="Run controls" className="toolbar-group">
            <button
              type="button"
              className="button button-primary"
              aria-keyshortcuts={RUN_KEYSHORTCUTS}
              title={
                blockedReason ?? `Run the script in a fresh sandbox (${RUN_SHORTCUT_LABEL} or F5)`
              }
              disabled={blockedReason !== null}
              onClick={() => void startRun()}
            >
              <span className="button-icon icon-run" aria-hidden="true" />
              Run
              <kbd className="button-kbd" aria-hidden="true">
                {RUN_SHORTCUT_LABEL}
              </kbd>
            </button>
            <button
              type="button"
              className="button button-toggle"
              aria-pressed={traceRuns}
              title={
                traceRuns
                  ? 'Runs record their event-loop trace (the Trace tab of the result). Click to stop tracing'
                  : "Record the next runs' event-loop trace: timers, promise jobs, console lines, in order"
              }
              onClick={() => setTraceRuns(!traceRuns)}
            >
              <span className="button-toggle-box" aria-hidden="true" />
              Trace
            </button>
            <button
              type="button"
              className="button"
              aria-keyshortcuts={STOP_KEYSHORTCUTS}
              title={
                running
                  ? `Stop ${inFlightCount === 1 ? 'the running script' : `the ${inFlightCount} runs in flight`} (${STOP_SHORTCUT_LABEL})`
                  : `Nothing is running (Stop: ${STOP_SHORTCUT_LABEL})`
              }
              disabled={!running}
              onClick={() => void stopRuns()}
            >
              <span className="button-icon icon-stop" aria-hidden="true" />
              Stop
              {inFlightCount > 1 && (
                <span className="button-count" aria-hidden="true">
                  {inFlightCount}
                </span>
              )}
            </button>
          </div>

          <div className="toolbar-group toolbar-script">
            <FilesMenu />
            <ExamplesMenu />
            <LanguageSwitch />
            <LimitsPopover />
          </div>
        </div>
      )}
    </header>
  )
}
