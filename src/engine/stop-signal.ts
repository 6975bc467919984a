import type { CancelSignal } from '../gate/semaphore'

/**
 * A run's Stop, as the gate's wait listens for it: the one thing an
 * AbortController did here, for a fraction of its cost (one listener, no
 * EventTarget), since every queued run carries one.
 */
export class StopSignal implements CancelSignal {
  #aborted = false
  #listener: (() => void) | undefined

  get aborted(): boolean {
    return this.#aborted
  }

  addEventListener(_type: 'abort', listener: () => void): void {
    this.#listener = listener
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    if (this.#listener === listener) this.#listener = undefined
  }

  /** Stops the run; the wait listening (if any) hears it once. */
  abort(): void {
    if (this.#aborted) return
    this.#aborted = true
    const listener = this.#listener
    this.#listener = undefined
    listener?.()
  }
}
