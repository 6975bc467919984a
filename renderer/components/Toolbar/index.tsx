import { useShallow } from 'zustand/react/shallow'
import { useAppStore } from '../../store/context'
import { selectConnection } from '../../store/slices/connection/selectors'
import { selectRunControls } from '../../store/slices/run/selectors'
import { RUN_SHORTCUT_LABEL } from './shortcut'

const CONNECTION_LABEL = {
  connecting: 'Connecting…',
  open: 'Connected',
  closed: 'Disconnected',
} as const

export function Toolbar() {
  const { runStatus, blockedReason, canStop, startRun, stopRun } = useAppStore(
    useShallow(selectRunControls),
  )
  const connection = useAppStore(selectConnection)

  return (
    <header className="toolbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">Gatehouse</span>
        <span className="brand-tagline">QuickJS sandbox playground</span>
      </div>

      <div role="toolbar" aria-label="Run controls" className="toolbar-actions">
        <button
          type="button"
          className="button button-primary"
          aria-label="Run"
          aria-keyshortcuts="Control+Enter Meta+Enter"
          title={blockedReason ?? `Run the script (${RUN_SHORTCUT_LABEL})`}
          disabled={blockedReason !== null}
          onClick={() => void startRun()}
        >
          <span className="button-icon icon-run" aria-hidden="true" />
          Run
          <kbd className="button-kbd">{RUN_SHORTCUT_LABEL}</kbd>
        </button>
        <button
          type="button"
          className="button"
          aria-label="Stop"
          title={canStop ? 'Stop the running script' : 'Nothing is running'}
          disabled={!canStop}
          onClick={() => void stopRun()}
        >
          <span className="button-icon icon-stop" aria-hidden="true" />
          Stop
        </button>
      </div>

      <div className="toolbar-status">
        <span className={`status-pill run-${runStatus}`} role="status" aria-label="Run status">
          {runStatus === 'running' ? 'Running…' : 'Idle'}
        </span>
        <span
          className={`status-pill connection-${connection.status}`}
          title={connection.message ?? CONNECTION_LABEL[connection.status]}
        >
          <span className="status-dot" aria-hidden="true" />
          {CONNECTION_LABEL[connection.status]}
        </span>
      </div>
    </header>
  )
}
