import { Worker } from 'node:worker_threads'

/**
 * The worker's whole program, inline so it needs no file of its own in any
 * edition: it parses each text and answers with the parse error, if any.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads')
parentPort.on('message', ({ id, text }) => {
  try {
    JSON.parse(text)
    parentPort.postMessage({ id })
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message) })
  }
})
`

/**
 * Checks that large inputs are JSON on a worker thread, so a burst of
 * megabyte-sized, deeply nested inputs never stalls the main process (its
 * heartbeat, its telemetry, every other run). One thread, started on first
 * use, answering in order.
 */
export class InputChecker {
  #worker: Worker | undefined
  #nextId = 0
  readonly #waiting = new Map<number, (error: string | undefined) => void>()

  /** Resolves with the parse error's message, or undefined when the text is JSON. */
  check(text: string): Promise<string | undefined> {
    const worker = this.#start()
    const id = ++this.#nextId
    return new Promise((resolve) => {
      this.#waiting.set(id, resolve)
      worker.postMessage({ id, text })
    })
  }

  async dispose(): Promise<void> {
    const worker = this.#worker
    this.#worker = undefined
    if (worker) await worker.terminate()
  }

  #start(): Worker {
    if (this.#worker) return this.#worker
    const worker = new Worker(WORKER_SOURCE, { eval: true })
    worker.unref()
    worker.on('message', ({ id, error }: { id: number; error?: string }) => {
      const resolve = this.#waiting.get(id)
      this.#waiting.delete(id)
      resolve?.(error)
    })
    const failAll = (reason: string): void => {
      if (this.#worker === worker) this.#worker = undefined
      for (const resolve of this.#waiting.values()) resolve(reason)
      this.#waiting.clear()
    }
    worker.on('error', (error) => failAll(`the input could not be checked: ${error.message}`))
    worker.on('exit', () => failAll('the input could not be checked: its checker stopped'))
    this.#worker = worker
    return worker
  }
}
