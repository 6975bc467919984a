import type { GateSnapshot, LaneView } from '../../../src/protocol/telemetry'
import { shortRunId } from './short-id'

const STATE_LABEL = {
  starting: 'starting',
  idle: 'idle',
  running: 'running',
  recycling: 'recycling',
  unresponsive: 'unresponsive',
} as const

const STATE_TITLE: Partial<Record<keyof typeof STATE_LABEL, string>> = {
  unresponsive:
    'Its thread stopped reading its messages while idle: it takes no runs and is replaced shortly',
  recycling: 'Its thread is being replaced; the runs it had not started went back to the queue',
}

interface LaneSectionProps {
  lanes: LaneView[]
  /** The sandbox host process the lanes live in; absent from older cores. */
  host?: GateSnapshot['host']
  headingId: string
}

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`

/** The sandbox's lanes (worker threads): state, the run on each, and how many it has run. */
export function LaneSection({ lanes, host, headingId }: LaneSectionProps) {
  const busy = lanes.filter((lane) => lane.state === 'running').length
  return (
    <section className="gate-section gate-lanes" aria-labelledby={headingId}>
      <h3 id={headingId} className="gate-heading">
        Lanes{' '}
        <span className="gate-heading-count">
          {busy}/{lanes.length} busy
        </span>
      </h3>
      <ul className="lanes" aria-label="Lanes">
        {lanes.map((lane) => (
          <li
            key={lane.lane}
            className={`lane lane-${lane.state}`}
            title={
              [STATE_TITLE[lane.state], lane.runId, lane.nextRunId && `next: ${lane.nextRunId}`]
                .filter(Boolean)
                .join(', ') || undefined
            }
          >
            <span className="lane-dot" aria-hidden="true" />
            <span className="lane-name">Lane {lane.lane}</span>
            <span className="lane-state">{STATE_LABEL[lane.state]}</span>
            {lane.runId ? (
              <span className="lane-run">
                {shortRunId(lane.runId)}
                {lane.nextRunId && <span className="lane-next"> +1</span>}
              </span>
            ) : (
              <span className="lane-runs" title="Runs since the lane started">
                {lane.runs} {lane.runs === 1 ? 'run' : 'runs'}
              </span>
            )}
          </li>
        ))}
      </ul>
      {host && (
        <p className="gate-more" title="The process all lanes run in, at its last heartbeat">
          {host.pid === null
            ? 'Sandbox host restarting…'
            : `Sandbox host: pid ${host.pid}, ${megabytes(host.rssBytes)}`}
        </p>
      )}
    </section>
  )
}
