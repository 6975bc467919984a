import { useId } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { elapsedSince, useNow } from '../../hooks/use-now'
import { useAppStore } from '../../store/context'
import { selectIsConnected } from '../../store/slices/connection/selectors'
import { selectGateActions, selectGateView } from '../../store/slices/gate/selectors'
import { selectSettings } from '../../store/slices/settings/selectors'
import { FaultPanel } from '../FaultPanel'
import { Panel } from '../Panel'
import { EventLogSection } from './EventLogSection'
import { GateTabs } from './GateTabs'
import { LaneSection } from './LaneSection'
import { PermitSection } from './PermitSection'
import { StatsSection } from './StatsSection'
import { WaiterSection } from './WaiterSection'

/**
 * The semaphore at a glance: the permits (each saying what its run does), the
 * runs waiting with their countdowns and the lanes side by side, always in
 * view; the events, the stats and the fault buttons share the last column as
 * tabs. Shown in the playground and the Lessons view.
 */
export function GatePanel() {
  const { snapshot, receivedAt } = useAppStore(useShallow(selectGateView))
  const { resetStats } = useAppStore(useShallow(selectGateActions))
  const connected = useAppStore(selectIsConnected)
  const settings = useAppStore(selectSettings)
  const ids = {
    permits: useId(),
    waiters: useId(),
    lanes: useId(),
    stats: useId(),
    events: useId(),
  }
  // Held times and countdowns advance between snapshots, which only come when something happens.
  const ticking =
    snapshot !== null && (snapshot.permits.slots.length > 0 || snapshot.waiters.length > 0)
  const now = useNow(ticking)
  const elapsedMs = ticking ? elapsedSince(now, receivedAt) : 0

  if (!snapshot) {
    return (
      <Panel title="Gate" className="panel-gate">
        <p className="placeholder">
          {connected ? 'Waiting for the first gate snapshot…' : 'No gate to show: not connected.'}
        </p>
      </Panel>
    )
  }

  const { waiters, lanes, stats, audit } = snapshot
  return (
    <Panel
      title="Gate"
      className="panel-gate"
      aside={
        <>
          <span className="tag">
            {stats.submitted} {stats.submitted === 1 ? 'run' : 'runs'} · {stats.ok} ok ·{' '}
            {stats.failed} failed
          </span>
          <span
            className={`tag ${audit.healthy ? 'tag-ok' : 'tag-error'}`}
            title="Permits never exceed the count; each is released once; every run gets one outcome"
          >
            {audit.healthy ? 'invariants hold' : 'invariant broken'}
          </span>
        </>
      }
    >
      <div className="gate-grid">
        <PermitSection
          snapshot={snapshot}
          elapsedMs={elapsedMs}
          runTimeoutMs={settings?.runTimeoutMs ?? null}
          headingId={ids.permits}
        />
        <WaiterSection
          waiters={waiters}
          waitersTotal={snapshot.waitersTotal ?? waiters.length}
          elapsedMs={elapsedMs}
          headingId={ids.waiters}
        />
        <LaneSection lanes={lanes} host={snapshot.host} headingId={ids.lanes} />
        <GateTabs
          panels={{
            events: <EventLogSection headingId={ids.events} />,
            stats: (
              <StatsSection
                stats={stats}
                audit={audit}
                onReset={() => void resetStats()}
                headingId={ids.stats}
              />
            ),
            faults: <FaultPanel lanes={lanes} />,
          }}
        />
      </div>
    </Panel>
  )
}
