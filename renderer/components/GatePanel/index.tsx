import { useAppStore } from '../../store/context'
import { selectIsConnected } from '../../store/slices/connection/selectors'
import { selectGateSnapshot } from '../../store/slices/gate/selectors'
import { Panel } from '../Panel'
import { PermitMeter } from './PermitMeter'

/** The semaphore and the lanes behind it, from the newest telemetry snapshot. */
export function GatePanel() {
  const snapshot = useAppStore(selectGateSnapshot)
  const connected = useAppStore(selectIsConnected)

  if (!snapshot) {
    return (
      <Panel title="Gate" className="panel-gate">
        <p className="placeholder">
          {connected ? 'Waiting for the first gate snapshot…' : 'No gate to show: not connected.'}
        </p>
      </Panel>
    )
  }

  const { permits, waiters, awaitingLane, lanes, stats } = snapshot
  return (
    <Panel
      title="Gate"
      className="panel-gate"
      aside={
        <span className="tag">
          {stats.submitted} {stats.submitted === 1 ? 'run' : 'runs'} · {stats.ok} ok ·{' '}
          {stats.failed} failed
        </span>
      }
    >
      <div className="gate-metrics">
        <div className="metric metric-permits">
          <span className="metric-label">Permits in use</span>
          <span className="metric-value">
            {permits.inUse} / {permits.total}
          </span>
          <PermitMeter inUse={permits.inUse} total={permits.total} />
        </div>
        <div className="metric">
          <span className="metric-label">Waiters</span>
          <span className="metric-value">{waiters.length}</span>
        </div>
        <div className="metric">
          <span className="metric-label">Awaiting lane</span>
          <span className="metric-value">{awaitingLane.length}</span>
        </div>
      </div>
      <ul className="lanes" aria-label="Lanes">
        {lanes.map((lane) => (
          <li key={lane.lane} className={`lane lane-${lane.state}`}>
            <span className="lane-dot" aria-hidden="true" />
            <span className="lane-name">Lane {lane.lane}</span>
            <span className="lane-state">{lane.state}</span>
            <span className="lane-runs" title={lane.runId ?? undefined}>
              {lane.runs} {lane.runs === 1 ? 'run' : 'runs'}
            </span>
          </li>
        ))}
      </ul>
    </Panel>
  )
}
