import type { Settings } from '../protocol/settings'

/**
 * The core's settings: one immutable value at a time. Readers take
 * `current()` when they need it; a change replaces the value and tells the
 * subscribers, so nobody holds a shared object that changes under them.
 */
export class LiveSettings {
  #current: Readonly<Settings>
  readonly #listeners = new Set<(next: Readonly<Settings>, previous: Readonly<Settings>) => void>()

  constructor(initial: Settings) {
    this.#current = Object.freeze({ ...initial })
  }

  current(): Readonly<Settings> {
    return this.#current
  }

  /** Replaces the settings (already validated) and tells every subscriber. */
  replace(next: Settings): Readonly<Settings> {
    const previous = this.#current
    this.#current = Object.freeze({ ...next })
    for (const listener of [...this.#listeners]) {
      try {
        listener(this.#current, previous)
      } catch {
        // One subscriber's failure must not keep the others from hearing.
      }
    }
    return this.#current
  }

  /**
   * A read-only object whose fields always read the current settings, for
   * code that keeps a settings object and reads it later (a comparison that
   * restores the user's settings after its two policies).
   */
  view(): Readonly<Settings> {
    const read = (key: keyof Settings) => () => this.#current[key]
    const view = {} as Settings
    for (const key of Object.keys(this.#current) as (keyof Settings)[])
      Object.defineProperty(view, key, { get: read(key), enumerable: true })
    return Object.freeze(view)
  }

  subscribe(
    listener: (next: Readonly<Settings>, previous: Readonly<Settings>) => void,
  ): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }
}
