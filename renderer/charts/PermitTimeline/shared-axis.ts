import type { TimeView } from './viewport'

/**
 * One time axis for several permit timelines (compare mode): zooming or
 * panning one moves them all, so the same moment lines up across them.
 * `view` null means "fit the whole extent".
 */
export class SharedTimeAxis {
  view: TimeView | null = null
  readonly #listeners = new Set<() => void>()

  constructor(
    /** The longest of the timelines: every one of them is drawn on 0..extentMs. */
    readonly extentMs: number,
  ) {}

  set(view: TimeView | null): void {
    this.view = view
    for (const listener of this.#listeners) listener()
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }
}
