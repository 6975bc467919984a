import type { LogEntry, LogLevel } from '../protocol/outcome'
import { LIMITS } from '../protocol/settings'

const MARK = ' \u2026 [truncated: '

/** UTF-8 bytes of a value's JSON text. */
function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value))
}

/**
 * A text whose JSON is at most `limitBytes` long; a cut ends with how many
 * characters of the original (`originalLength` code units) it took off.
 */
export function boundText(text: string, originalLength: number, limitBytes: number): string {
  if (originalLength === text.length && jsonBytes(text) <= limitBytes) return text
  const cut = (keep: number): string =>
    `${text.slice(0, keep)}${MARK}${(originalLength - keep).toLocaleString('en-US')} more characters]`
  let low = 0
  let high = Math.min(text.length, limitBytes)
  while (low < high) {
    const middle = Math.ceil((low + high) / 2)
    if (jsonBytes(cut(middle)) <= limitBytes) low = middle
    else high = middle - 1
  }
  // Never end on the first half of a surrogate pair.
  const last = text.charCodeAt(low - 1)
  if (low > 0 && last >= 0xd800 && last <= 0xdbff) low--
  return cut(low)
}

/**
 * Console lines of one run, as the sandbox hands them over (one host call per
 * line, its text as JSON so NUL and lone surrogates survive): each line within
 * maxLogLineBytes, all of them within maxLogEntries and maxLogBytes counted as
 * JSON `[level, at, text]`. Once a line does not fit, later ones are counted.
 */
export class LogCollector {
  readonly entries: LogEntry[] = []
  dropped = 0
  #bytes = 0
  #full = false

  /** No further line can be kept: the sandbox stops formatting them. */
  get full(): boolean {
    return this.#full || this.entries.length >= LIMITS.maxLogEntries
  }

  add(level: LogLevel, text: string, originalLength: number): void {
    if (this.#full || this.entries.length >= LIMITS.maxLogEntries) {
      this.dropped++
      return
    }
    const entry: LogEntry = {
      level,
      text: boundText(text, originalLength, LIMITS.maxLogLineBytes),
      at: Date.now(),
    }
    const size = jsonBytes([entry.level, entry.at, entry.text]) + 1
    if (this.#bytes + size > LIMITS.maxLogBytes) {
      this.#full = true
      this.dropped++
      return
    }
    this.#bytes += size
    this.entries.push(entry)
  }
}
