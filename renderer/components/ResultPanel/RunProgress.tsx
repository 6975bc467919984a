import { useShallow } from 'zustand/react/shallow'
import { formatElapsedMs } from '../../format/duration'
import { elapsedSince, useNow } from '../../hooks/use-now'
import { useAppStore } from '../../store/context'
import { runPhase } from '../../store/slices/gate/run-phase'
import { selectGateView } from '../../store/slices/gate/selectors'
import { STOP_SHORTCUT_LABEL } from '../Toolbar/shortcut'

const ordinal = (n: number) => {
  const suffix =
    n % 10 === 1 && n % 100 !== 11
      ? 'st'
      : n % 10 === 2 && n % 100 !== 12
        ? 'nd'
        : n % 10 === 3 && n % 100 !== 13
          ? 'rd'
          : 'th'
  return `${n}${suffix}`
}

/** Where the shown run is while it has no outcome: waiting, holding a permit, or running on a lane. */
export function RunProgress({ runId, submittedAt }: { runId: string; submittedAt: number | null }) {
  const { snapshot, receivedAt } = useAppStore(useShallow(selectGateView))
  const now = useNow(true)
  const phase = runPhase(snapshot, runId, elapsedSince(now, receivedAt))

  let title: string
  let detail: string
  switch (phase.phase) {
    case 'waiting':
      title = 'Waiting for a permit'
      detail =
        phase.position === null
          ? `behind the ${phase.waiting} runs in line`
          : `${ordinal(phase.position)} of ${phase.waiting} in line · waited ${formatElapsedMs(phase.ageMs)}${
              phase.timeoutInMs !== null
                ? ` · gives up in ${formatElapsedMs(phase.timeoutInMs)}`
                : ''
            }`
      break
    case 'awaiting-lane':
      title = 'Holding a permit, waiting for a free lane'
      detail = `held ${formatElapsedMs(phase.heldMs)}`
      break
    case 'next-on-lane':
      title = `Holding a permit, next on lane ${phase.lane}`
      detail = `starts when the lane’s current run ends · held ${formatElapsedMs(phase.heldMs)}`
      break
    case 'running':
      title = phase.lane !== null ? `Running on lane ${phase.lane}` : 'Running'
      detail = `${formatElapsedMs(phase.heldMs)} so far`
      break
    default:
      title = 'Submitted'
      detail = `${formatElapsedMs(elapsedSince(now, submittedAt))} ago`
  }

  return (
    <div className={`run-progress phase-${phase.phase}`}>
      <span className="spinner" aria-hidden="true" />
      <div>
        <p className="run-progress-title">{title}</p>
        <p className="run-progress-detail">
          <code>{runId}</code> · {detail}
        </p>
        <p className="run-progress-hint">Stop ({STOP_SHORTCUT_LABEL}) cancels it.</p>
      </div>
    </div>
  )
}
