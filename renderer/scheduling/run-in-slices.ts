/**
 * How long one slice may hold the window's main thread: half a frame, far
 * under the 50 ms that makes a long task, with room for a slower machine.
 */
export const SLICE_BUDGET_MS = 8

/**
 * Resolves in a new task. A MessageChannel message rather than a timer:
 * nested timers are clamped to 4 ms and throttled in hidden tabs.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      resolve()
    }
    channel.port2.postMessage(null)
  })
}

/**
 * Runs a stepwise computation (a generator that yields every little while)
 * in slices of about `budgetMs`, each in its own task, so input, painting
 * and the socket get their turn between them. The first slice runs at once.
 * Resolves with the result, or null when `signal` aborted it first.
 */
export async function runInSlices<T>(
  steps: Generator<void, T>,
  signal: AbortSignal,
  budgetMs = SLICE_BUDGET_MS,
  now: () => number = () => performance.now(),
): Promise<T | null> {
  let sliceStart = now()
  for (;;) {
    if (signal.aborted) return null
    const next = steps.next()
    if (next.done) return next.value
    if (now() - sliceStart >= budgetMs) {
      await nextTask()
      sliceStart = now()
    }
  }
}
