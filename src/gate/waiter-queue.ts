/** An entry of a {@link WaiterQueue}; the queue owns the links. */
export interface Linked {
  prev?: Linked | undefined
  next?: Linked | undefined
  queued?: boolean
}

/**
 * First in, first out, with O(1) removal from anywhere: a waiter that times
 * out or is stopped leaves without a scan, and the head is taken without
 * moving the rest (a stress can queue a hundred thousand).
 */
export class WaiterQueue<T extends Linked> {
  #head: T | undefined
  #tail: T | undefined
  #length = 0

  get length(): number {
    return this.#length
  }

  push(item: T): void {
    item.prev = this.#tail
    item.next = undefined
    item.queued = true
    if (this.#tail) this.#tail.next = item
    else this.#head = item
    this.#tail = item
    this.#length++
  }

  shift(): T | undefined {
    const head = this.#head
    if (head) this.remove(head)
    return head
  }

  /** Takes `item` out; returns false when it was not queued (already granted or gone). */
  remove(item: T): boolean {
    if (!item.queued) return false
    item.queued = false
    if (item.prev) item.prev.next = item.next
    else this.#head = item.next as T | undefined
    if (item.next) item.next.prev = item.prev
    else this.#tail = item.prev as T | undefined
    item.prev = undefined
    item.next = undefined
    this.#length--
    return true
  }

  /** Empties the queue, returning what it held, oldest first. */
  drain(): T[] {
    const out: T[] = []
    for (let item = this.shift(); item; item = this.shift()) out.push(item)
    return out
  }

  *[Symbol.iterator](): IterableIterator<T> {
    for (let item = this.#head; item; item = item.next as T | undefined) yield item
  }
}
