import { z } from 'zod'

/**
 * Byte sizes of text as the limits count them: UTF-8, measured without
 * Buffer (this module also runs in the window), and refused early when the
 * string is long enough that counting would be the slow part.
 */

/** UTF-8 length of `text`. */
export function utf8ByteLength(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4
        i++
      } else bytes += 3
    } else bytes += 3
  }
  return bytes
}

/** A size as people read it: "512 bytes", "1.5 KiB", "100.0 MiB". */
export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${bytes} bytes`
}

/** How a too-large text is described: its size (a lower bound when `atLeast`) and the limit. */
export type DescribeOversize = (
  field: string,
  bytes: number,
  atLeast: boolean,
  maxBytes: number,
) => string

const defaultOversize: DescribeOversize = (field, bytes, atLeast, maxBytes) =>
  `${field} is ${atLeast ? 'at least ' : ''}${describeBytes(bytes)}; the limit is ${describeBytes(maxBytes)}`

/**
 * Why `text` is over `maxBytes` UTF-8 bytes, or null when it fits. One
 * UTF-16 unit is at least one UTF-8 byte, so a string longer than the limit
 * is refused without walking it (counting 100 MB takes a quarter second).
 */
export function oversizeProblem(
  field: string,
  text: string,
  maxBytes: number,
  describe: DescribeOversize = defaultOversize,
): string | null {
  if (text.length > maxBytes) return describe(field, text.length, true, maxBytes)
  // Only text that could be over needs counting: UTF-8 is at most 3 bytes per unit.
  if (text.length * 3 <= maxBytes) return null
  const bytes = utf8ByteLength(text)
  return bytes > maxBytes ? describe(field, bytes, false, maxBytes) : null
}

/** A string schema of at most `maxBytes` UTF-8 bytes (see oversizeProblem). */
export function boundedText(
  field: string,
  maxBytes: number,
  what = 'JSON text',
  describe?: DescribeOversize,
) {
  return z.string({ error: `${field} must be ${what}` }).superRefine((text, context) => {
    const problem = oversizeProblem(field, text, maxBytes, describe)
    if (problem !== null) context.addIssue({ code: 'custom', message: problem })
  })
}
