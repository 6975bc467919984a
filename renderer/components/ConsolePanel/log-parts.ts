/** A console line cut into its text and the values it holds (see LogEntry.spans). */
export type LogPart = { kind: 'text'; text: string } | { kind: 'value'; value: unknown }

/**
 * Splits a line at its spans: each span is the JSON the sandbox wrote for an
 * object (in the serializer's encoding, read back by the json-tree), shown
 * as a tree; a span that is not JSON after all stays text.
 */
export function splitLogLine(text: string, spans: readonly number[] | undefined): LogPart[] {
  if (!spans || spans.length < 2) return [{ kind: 'text', text }]
  const parts: LogPart[] = []
  let at = 0
  const addText = (end: number) => {
    if (end > at) parts.push({ kind: 'text', text: text.slice(at, end) })
  }
  for (let i = 0; i + 1 < spans.length; i += 2) {
    const start = spans[i] as number
    const end = spans[i + 1] as number
    if (start < at || end <= start || end > text.length) break
    try {
      const value: unknown = JSON.parse(text.slice(start, end))
      addText(start)
      parts.push({ kind: 'value', value })
      at = end
    } catch {
      // Not JSON: it stays part of the text around it.
    }
  }
  addText(text.length)
  return parts
}
