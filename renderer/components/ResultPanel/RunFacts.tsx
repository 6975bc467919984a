import type { RunOutcome } from '../../../src/protocol/outcome'
import { formatDurationMs } from '../../format/duration'

/** How the run passed the gate: route and why, lane, and where the time went. */
export function RunFacts({ outcome }: { outcome: RunOutcome }) {
  const { timing } = outcome
  return (
    <dl className="facts run-facts" aria-label="How the run went">
      <div title={outcome.routeReason}>
        <dt>route</dt>
        <dd>{outcome.route ?? '–'}</dd>
      </div>
      <div>
        <dt>lane</dt>
        <dd>{outcome.lane ?? '–'}</dd>
      </div>
      <div title={queuedBreakdown(outcome)}>
        <dt>queued</dt>
        <dd>{formatDurationMs(timing.queuedMs)}</dd>
      </div>
      <div title="Running in the sandbox">
        <dt>run</dt>
        <dd>{formatDurationMs(timing.runMs)}</dd>
      </div>
      <div title="From submit to outcome">
        <dt>total</dt>
        <dd>{formatDurationMs(timing.totalMs)}</dd>
      </div>
      {outcome.routeReason && (
        <div className="run-facts-reason">
          <dt>why {outcome.route}</dt>
          <dd>{outcome.routeReason}</dd>
        </div>
      )}
      <div className="run-facts-id">
        <dt>id</dt>
        <dd>{outcome.id}</dd>
      </div>
    </dl>
  )
}

/** The two waits inside "queued", as the sandbox host stamped them. */
function queuedBreakdown({ timing }: RunOutcome): string {
  if (timing.permitWaitMs === undefined) return 'Waiting for a permit and a lane'
  const lane = timing.laneWaitMs ?? Math.max(0, timing.queuedMs - timing.permitWaitMs)
  return `Waiting for a permit ${formatDurationMs(timing.permitWaitMs)}, then for a lane ${formatDurationMs(lane)}`
}
