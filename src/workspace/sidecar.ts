import type { RunLimits } from '../protocol/settings'
import { LIMITS, runLimitsSchema } from '../protocol/settings'
import type { ScriptDocument } from '../protocol/files'
import { SIDECAR_VERSION, describeBytes, utf8ByteLength } from '../protocol/files'
import { describeZodError } from '../engine/validation'

/**
 * The sidecar format (`NAME.js.gatehouse.json`):
 *
 * ```json
 * { "gatehouse": 1, "input": { "items": [1, 2, 3] }, "limits": { "runTimeoutMs": 2000 } }
 * ```
 *
 * `input` is stored as JSON, not as a string of JSON, so the file reads and
 * diffs like any JSON file; when the editor's input text is not valid JSON
 * (yet), it is kept verbatim as `"inputText"` instead, so saving never loses
 * what was typed. Reading pretty-prints `input` with two spaces.
 */
export interface SidecarContents {
  input?: string
  limits?: RunLimits
  /** What could not be loaded and why; the rest was. */
  error?: string
}

/** Reads a parsed sidecar, keeping every part that is valid and saying what was not. */
export function parseSidecar(value: unknown, sidecarName: string): SidecarContents {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: `${sidecarName} is not a JSON object: its input and limits were not loaded` }
  }
  const record = value as Record<string, unknown>
  if (record.gatehouse !== SIDECAR_VERSION) {
    const newer = typeof record.gatehouse === 'number' && record.gatehouse > SIDECAR_VERSION
    return {
      error: newer
        ? `${sidecarName} was written by a newer Gatehouse (format ${record.gatehouse}): its input and limits were not loaded`
        : `${sidecarName} has no "gatehouse": ${SIDECAR_VERSION} version field: its input and limits were not loaded`,
    }
  }

  const contents: SidecarContents = {}
  const problems: string[] = []
  let input: string | undefined
  if (typeof record.inputText === 'string') input = record.inputText
  else if (record.inputText !== undefined) problems.push('inputText is not a string')
  else if (record.input !== undefined) input = JSON.stringify(record.input, null, 2)
  if (input !== undefined) {
    const bytes = utf8ByteLength(input)
    if (bytes > LIMITS.maxInputBytes) {
      problems.push(
        `its input is ${describeBytes(bytes)}, over the ${describeBytes(LIMITS.maxInputBytes)} limit`,
      )
    } else contents.input = input
  }
  if (record.limits !== undefined) {
    const limits = runLimitsSchema.safeParse(record.limits)
    if (limits.success) contents.limits = limits.data
    else problems.push(`limits: ${describeZodError(limits.error)} (limits not loaded)`)
  }
  if (problems.length > 0) contents.error = `${sidecarName}: ${problems.join('; ')}`
  return contents
}

/**
 * The sidecar text for a document, or null when it has nothing to keep (no
 * input, no limits): then no sidecar is written and a stale one is removed.
 */
export function serializeSidecar(
  document: Pick<ScriptDocument, 'input' | 'limits'>,
): string | null {
  const input = document.input !== undefined && document.input.trim() !== '' ? document.input : null
  const limits =
    document.limits !== undefined && Object.keys(document.limits).length > 0
      ? document.limits
      : null
  if (input === null && limits === null) return null

  const sidecar: Record<string, unknown> = { gatehouse: SIDECAR_VERSION }
  if (input !== null) {
    try {
      sidecar.input = JSON.parse(input) as unknown
    } catch {
      sidecar.inputText = input
    }
  }
  if (limits !== null) sidecar.limits = limits
  return `${JSON.stringify(sidecar, null, 2)}\n`
}
