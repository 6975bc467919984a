/** A duration for people: `0.42 ms`, `12.3 ms`, `340 ms`, `1.25 s`. */
export function formatDurationMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–'
  if (ms === 0) return '0 ms'
  if (ms < 10) return `${ms.toFixed(2)} ms`
  if (ms < 100) return `${ms.toFixed(1)} ms`
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`
  const minutes = Math.floor(ms / 60_000)
  const seconds = Math.round((ms % 60_000) / 1000)
  return `${minutes} min ${seconds} s`
}

/** A coarse duration for things that tick every frame: `0.4 s`, `12.3 s`, `340 ms` under a second. */
export function formatElapsedMs(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–'
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  return formatDurationMs(ms)
}
