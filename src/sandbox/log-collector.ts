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
 * The spans (see LogEntry) that lie whole within the first `keptLength`
 * characters of a line, from the sandbox's "start,end,..." text; anything
 * malformed drops the rest, so a span is always a whole JSON text.
 */
export function keptSpans(spans: string, keptLength: number): number[] | undefined {
  const numbers = spans.split(',').map(Number)
  const kept: number[] = []
  let last = 0
  for (let i = 0; i + 1 < numbers.length; i += 2) {
    const start = numbers[i] as number
    const end = numbers[i + 1] as number
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < last || end <= start) break
    if (end > keptLength) break
    kept.push(start, end)
    last = end
  }
  return kept.length > 0 ? kept : undefined
}

/**
 * Console lines of one run, as the sandbox hands them over (one host call per
 * line, its text as JSON so NUL and lone surrogates survive): each line within
 * maxLogLineBytes, all of them within maxLogEntries and maxLogBytes counted as
 * JSON `[level, at, text, spans]`. Once a line does not fit, later ones are
 * counted. The same lines, in the same order, stream to the window while
 * the run runs (log-stream.ts), so the stream has the same bounds.
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

  /** `spans`: where the line holds objects' JSON, as the sandbox wrote it ("start,end,..."). */
  add(level: LogLevel, text: string, originalLength: number, spans?: string): void {
    if (this.#full || this.entries.length >= LIMITS.maxLogEntries) {
      this.dropped++
      return
    }
    const bounded = boundText(text, originalLength, LIMITS.maxLogLineBytes)
    const entry: LogEntry = { level, text: bounded, at: Date.now() }
    if (spans !== undefined) {
      const kept = keptSpans(spans, bounded === text ? text.length : bounded.lastIndexOf(MARK))
      if (kept) entry.spans = kept
    }
    const size =
      jsonBytes(
        entry.spans
          ? [entry.level, entry.at, entry.text, entry.spans]
          : [entry.level, entry.at, entry.text],
      ) + 1
    if (this.#bytes + size > LIMITS.maxLogBytes) {
      this.#full = true
      this.dropped++
      return
    }
    this.#bytes += size
    this.entries.push(entry)
  }
}
