/**
 * A fixed-capacity FIFO: pushing onto a full buffer evicts the oldest item.
 * Index 0 is the oldest item still held. Push and get are O(1) and allocate
 * nothing, so a buffer of 100,000 telemetry events costs one array.
 */
export class RingBuffer<T> {
  readonly capacity: number
  readonly #items: (T | undefined)[]
  /** Where the oldest item sits in #items. */
  #head = 0
  #length = 0
  #evicted = 0

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new TypeError(
        `Expected \`capacity\` to be a whole number from 1 and up, got ${capacity}`,
      )
    this.capacity = capacity
    this.#items = new Array<T | undefined>(capacity)
  }

  /** How many items it holds now. */
  get length(): number {
    return this.#length
  }

  /** How many items were evicted to make room, since creation or the last clear. */
  get evicted(): number {
    return this.#evicted
  }

  push(item: T): void {
    if (this.#length < this.capacity) {
      this.#items[(this.#head + this.#length) % this.capacity] = item
      this.#length++
      return
    }
    this.#items[this.#head] = item
    this.#head = (this.#head + 1) % this.capacity
    this.#evicted++
  }

  /** The item at `index` (0 = oldest), or undefined outside 0..length-1. */
  get(index: number): T | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.#length) return undefined
    return this.#items[(this.#head + index) % this.capacity]
  }

  /** The newest item, or undefined when empty. */
  last(): T | undefined {
    return this.get(this.#length - 1)
  }

  clear(): void {
    this.#items.fill(undefined)
    this.#head = 0
    this.#length = 0
    this.#evicted = 0
  }

  /** A copy, oldest first; for tests and small buffers. */
  toArray(): T[] {
    const out: T[] = []
    for (let i = 0; i < this.#length; i++) out.push(this.get(i) as T)
    return out
  }

  /**
   * The index of an item whose key is `key`, by binary search, assuming keys
   * increase with the index (telemetry sequence numbers do). -1 when absent.
   */
  findIndexBySortedKey(key: number, keyOf: (item: T) => number): number {
    let low = 0
    let high = this.#length - 1
    while (low <= high) {
      const mid = (low + high) >>> 1
      const midKey = keyOf(this.get(mid) as T)
      if (midKey === key) return mid
      if (midKey < key) low = mid + 1
      else high = mid - 1
    }
    return -1
  }
}
