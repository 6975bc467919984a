import { useMemo } from 'react'
import type { TelemetryEvent } from '../../../src/protocol/telemetry'
import { useFrameVersion } from '../../hooks/use-frame-version'
import { collectRunEvents } from '../../lessons/run-events'
import { useAppStore } from '../../store/context'
import { selectEventLog } from '../../store/slices/gate/selectors'

/**
 * The telemetry events of some runs and of the lanes they ran on, live: the
 * list grows as batches arrive (a lane's replacement can come after the
 * outcome), at most once a frame.
 */
export function useRunEvents(runIds: readonly string[]): TelemetryEvent[] {
  const log = useAppStore(selectEventLog)
  const version = useFrameVersion(log)
  const key = runIds.join(' ')
  return useMemo(() => {
    // `version` is what changes when events arrive: the log object itself stays the same.
    if (version < 0) return []
    return collectRunEvents(log.view('all'), key === '' ? [] : key.split(' '))
  }, [log, version, key])
}
