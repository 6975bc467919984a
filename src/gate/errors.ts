/** A waiter gave up: no permit came free within its wait timeout. */
export class ConcurrencyError extends Error {
  override readonly name = 'ConcurrencyError'
  constructor(
    message: string,
    readonly waitedMs: number,
  ) {
    super(message)
  }
}

/** A waiter left the queue because its AbortSignal fired. */
export class CancelledError extends Error {
  override readonly name = 'CancelledError'
}

/** The queue was cleared (shutdown): the waiter will never be admitted. */
export class QueueClearedError extends Error {
  override readonly name = 'QueueClearedError'
}
