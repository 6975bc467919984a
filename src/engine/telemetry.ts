import type { RunLogChunk } from '../protocol/outcome'
import type { GateSnapshot, TelemetryBatch, TelemetryEvent } from '../protocol/telemetry'

/** Distributes an event without its seq and at, which the hub adds. */
export type EventInput = TelemetryEvent extends infer E
  ? E extends TelemetryEvent
    ? Omit<E, 'seq' | 'at'>
    : never
  : never

/** At most this many batches a second reach a listener (~30). */
export const BATCH_INTERVAL_MS = 33
/** Events kept per batch; the rest are counted in the batch's `droppedEvents`, not sent. */
const MAX_EVENTS_PER_BATCH = 5000

/**
 * Numbers and timestamps every event, and hands listeners coalesced batches:
 * the events since the last batch and one fresh snapshot, never one message
 * per event.
 */
export class TelemetryHub {
  #seq = 0
  #pending: TelemetryEvent[] = []
  #listeners = new Set<(batch: TelemetryBatch) => void>()
  #timer: ReturnType<typeof setTimeout> | undefined
  #dirty = false
  #dropped = 0
  /** Live console lines for the next batch, one chunk per run. */
  #logs = new Map<string, RunLogChunk>()

  constructor(private readonly snapshot: () => GateSnapshot) {}

  /** Listeners that see every event at once, unbatched (in-process consumers such as a stress run). */
  readonly #taps = new Set<(event: TelemetryEvent) => void>()

  tap(listener: (event: TelemetryEvent) => void): () => void {
    this.#taps.add(listener)
    return () => this.#taps.delete(listener)
  }

  /**
   * Numbers and stamps `event` in place (callers pass a fresh literal) and
   * queues it; with nobody listening it costs a counter increment.
   */
  emit(event: EventInput): void {
    const seq = ++this.#seq
    if (this.#taps.size === 0 && this.#listeners.size === 0) return
    const full = event as TelemetryEvent
    full.seq = seq
    full.at = Date.now()
    for (const tap of this.#taps) {
      try {
        tap(full)
      } catch {
        // A failing tap loses this event; the run that emitted it goes on.
      }
    }
    if (this.#pending.length < MAX_EVENTS_PER_BATCH) this.#pending.push(full)
    else this.#dropped++
    this.#schedule()
  }

  /** Whether any listener receives batches: a run's live lines would otherwise go nowhere. */
  get listening(): boolean {
    return this.#listeners.size > 0
  }

  /**
   * Queues console lines of a run still running for the next batch; a
   * chunk that continues the run's previous one in this batch joins it.
   * Never dropped like events: each run's lines are bounded at the source.
   */
  runLogs(chunk: RunLogChunk): void {
    if (this.#listeners.size === 0) return
    const last = this.#logs.get(chunk.runId)
    if (last && last.from + last.entries.length === chunk.from) {
      for (const entry of chunk.entries) last.entries.push(entry)
      last.dropped = chunk.dropped
    } else if (!last) this.#logs.set(chunk.runId, { ...chunk, entries: [...chunk.entries] })
    else return
    this.#dirty = true
    this.#schedule()
  }

  /** Something visible changed without an event (a clock tick, a resize). */
  touch(): void {
    this.#dirty = true
    this.#schedule()
  }

  subscribe(listener: (batch: TelemetryBatch) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  dispose(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#listeners.clear()
  }

  #schedule(): void {
    if (this.#timer || this.#listeners.size === 0) {
      if (this.#listeners.size === 0) {
        this.#pending = []
        this.#logs.clear()
      }
      return
    }
    this.#timer = setTimeout(() => this.#flush(), BATCH_INTERVAL_MS)
    this.#timer.unref?.()
  }

  #flush(): void {
    this.#timer = undefined
    if (this.#pending.length === 0 && !this.#dirty) return
    const batch: TelemetryBatch = { events: this.#pending, snapshot: this.snapshot() }
    if (this.#dropped > 0) batch.droppedEvents = this.#dropped
    if (this.#logs.size > 0) batch.logs = [...this.#logs.values()]
    this.#logs = new Map()
    this.#pending = []
    this.#dirty = false
    this.#dropped = 0
    for (const listener of this.#listeners) {
      try {
        listener(batch)
      } catch {
        // One broken listener must not starve the others.
      }
    }
  }
}
