import type { TelemetryEvent } from '../../src/protocol/telemetry'
import type { EventFilter } from './event-kinds'
import { EVENT_FILTERS, eventCategory } from './event-kinds'
import type { EventExplanation } from './explain-event'
import { explainEvent } from './explain-event'
import { RingBuffer } from './ring-buffer'

/** Events kept per filter; the oldest go first. */
export const EVENT_LOG_CAPACITY = 100_000

/** A filter's view of the log: read-only, oldest first. */
export interface EventView {
  readonly length: number
  /** How many events this view has dropped to stay within its capacity. */
  readonly evicted: number
  get(index: number): TelemetryEvent | undefined
}

/**
 * The telemetry event log, kept outside React state: batches of thousands of
 * events append here in O(1) each, and only the rows on screen are ever read.
 * Every filter has its own ring of references, so switching filters is free
 * and a filter never shows fewer events than it has room for. Listeners hear
 * once per appended batch; the view coalesces that to one render per frame.
 */
export class EventLog {
  readonly capacity: number
  readonly #rings: Record<EventFilter, RingBuffer<TelemetryEvent>>
  /** Events seen per filter since the last clear, evicted ones included. */
  readonly #totals: Record<EventFilter, number>
  readonly #listeners = new Set<() => void>()
  #version = 0

  constructor(capacity = EVENT_LOG_CAPACITY) {
    this.capacity = capacity
    this.#rings = makeRecord(() => new RingBuffer<TelemetryEvent>(capacity))
    this.#totals = makeRecord(() => 0)
  }

  /** Increases on every change; a cheap "did anything happen" for renderers. */
  get version(): number {
    return this.#version
  }

  append(events: readonly TelemetryEvent[]): void {
    if (events.length === 0) return
    for (const event of events) {
      this.#rings.all.push(event)
      this.#totals.all++
      const category = eventCategory(event)
      if (category) {
        this.#rings[category].push(event)
        this.#totals[category]++
      }
    }
    this.#changed()
  }

  clear(): void {
    for (const filter of EVENT_FILTERS) {
      this.#rings[filter].clear()
      this.#totals[filter] = 0
    }
    this.#changed()
  }

  view(filter: EventFilter): EventView {
    return this.#rings[filter]
  }

  /** Events seen per filter since the last clear, including those evicted. */
  totals(): Readonly<Record<EventFilter, number>> {
    return { ...this.#totals }
  }

  /** Where the event with sequence number `seq` sits in a filter's view, or -1. */
  indexOf(filter: EventFilter, seq: number): number {
    return this.#rings[filter].findIndexBySortedKey(seq, (event) => event.seq)
  }

  get(seq: number): TelemetryEvent | undefined {
    return this.#rings.all.get(this.indexOf('all', seq))
  }

  /** What was released and replaced around an event; null once it left the log. */
  explain(seq: number): EventExplanation | null {
    const index = this.indexOf('all', seq)
    if (index === -1) return null
    return explainEvent(this.#rings.all, index)
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  #changed(): void {
    this.#version++
    for (const listener of this.#listeners) listener()
  }
}

function makeRecord<T>(make: () => T): Record<EventFilter, T> {
  return { all: make(), timeouts: make(), panics: make(), rejections: make() }
}
