/**
 * Runs async tasks one at a time, in the order they were queued, so that two
 * writes of one state file never interleave. A failed task does not stop
 * the ones after it.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve()

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task)
    this.tail = result.catch(() => undefined)
    return result
  }
}
