/** A one-line progress bar on a terminal; silent when stderr is not one. */
export class ProgressBar {
  #last = 0
  readonly #enabled: boolean

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.#enabled = Boolean(stream.isTTY)
  }

  update(done: number, detail: string): void {
    if (!this.#enabled) return
    const now = Date.now()
    if (done < this.total && now - this.#last < 100) return
    this.#last = now
    const width = 30
    const filled = Math.round((done / this.total) * width)
    const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`
    this.stream.write(`\r[${bar}] ${done}/${this.total} ${detail}\u001b[K`)
  }

  finish(): void {
    if (this.#enabled) this.stream.write('\n')
  }
}
