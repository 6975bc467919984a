import { useEffect, useState } from 'react'

/**
 * The wall clock (epoch ms), re-read every `intervalMs` while `active`: for
 * held times and countdowns that advance between gate snapshots. Idle views
 * pass `active = false` and cost nothing.
 */
export function useNow(active: boolean, intervalMs = 100): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!active) return
    const timer = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [active, intervalMs])
  return now
}

/** Milliseconds from `since` to `now`, never negative (the clock state can lag a snapshot). */
export function elapsedSince(now: number, since: number | null): number {
  return since === null ? 0 : Math.max(0, now - since)
}
