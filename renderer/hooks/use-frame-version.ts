import { useCallback, useSyncExternalStore } from 'react'

/** Something that changes often and says so: the event log. */
export interface VersionedSource {
  readonly version: number
  subscribe(listener: () => void): () => void
}

/**
 * The source's version, re-rendering at most once per animation frame however
 * many batches arrive in between: a flood of telemetry costs one render a frame.
 */
export function useFrameVersion(source: VersionedSource): number {
  const subscribe = useCallback(
    (notify: () => void) => {
      let frame = 0
      const unsubscribe = source.subscribe(() => {
        if (frame !== 0) return
        frame = requestAnimationFrame(() => {
          frame = 0
          notify()
        })
      })
      return () => {
        unsubscribe()
        if (frame !== 0) cancelAnimationFrame(frame)
      }
    },
    [source],
  )
  return useSyncExternalStore(subscribe, () => source.version)
}
