import type { ScriptDocument } from '../../../../src/protocol/files'
import {
  FILE_LIMITS,
  describeBytes,
  scriptLanguage,
  utf8ByteLength,
} from '../../../../src/protocol/files'
import type { Language } from '../../../../src/protocol/request'
import type { RunLimits } from '../../../../src/protocol/settings'
import { LIMITS, SETTING_RANGES } from '../../../../src/protocol/settings'
import type { Store } from '../../store-types'
import type { LimitsDraft } from '../editor/limits'
import { EMPTY_LIMITS, LIMIT_NAMES } from '../editor/limits'

/**
 * What a script file holds, as the editor has it: the code, its language,
 * the input text and the limits as typed. Dirty means "differs from the
 * document last opened or saved".
 */
export interface EditorDocument {
  code: string
  language: Language
  inputText: string
  limitsDraft: LimitsDraft
}

export const documentOf = (state: Store): EditorDocument => ({
  code: state.code,
  language: state.language,
  inputText: state.inputText,
  limitsDraft: state.limitsDraft,
})

/** Same content, language, input and limits (a limit typed with spaces is the same limit). */
export function sameDocument(a: EditorDocument, b: EditorDocument): boolean {
  return (
    a.code === b.code &&
    a.language === b.language &&
    a.inputText === b.inputText &&
    LIMIT_NAMES.every((name) => a.limitsDraft[name].trim() === b.limitsDraft[name].trim())
  )
}

/** The typed limits that are whole numbers within their ranges; the others stay with the gate. */
export function limitsFromDraft(draft: LimitsDraft): RunLimits {
  const limits: RunLimits = {}
  for (const name of LIMIT_NAMES) {
    const text = draft[name].trim()
    if (text === '') continue
    const value = Number(text)
    const { min, max } = SETTING_RANGES[name]
    if (Number.isInteger(value) && value >= min && value <= max) limits[name] = value
  }
  return limits
}

export function draftFromLimits(limits: RunLimits | undefined): LimitsDraft {
  return {
    runTimeoutMs: limits?.runTimeoutMs?.toString() ?? EMPTY_LIMITS.runTimeoutMs,
    memoryMb: limits?.memoryMb?.toString() ?? EMPTY_LIMITS.memoryMb,
    stackKb: limits?.stackKb?.toString() ?? EMPTY_LIMITS.stackKb,
  }
}

/** The document as the file API takes it: input and limits only when there are some. */
export function scriptDocument(document: EditorDocument): ScriptDocument {
  const result: ScriptDocument = { content: document.code }
  if (document.inputText.trim() !== '') result.input = document.inputText
  const limits = limitsFromDraft(document.limitsDraft)
  if (Object.keys(limits).length > 0) result.limits = limits
  return result
}

/**
 * The UTF-8 size of `text` when it is over `maxBytes`, else null. Short text is
 * never walked: one UTF-16 unit is at most three UTF-8 bytes.
 */
function sizeOver(text: string, maxBytes: number): number | null {
  if (text.length * 3 <= maxBytes) return null
  const bytes = utf8ByteLength(text)
  return bytes > maxBytes ? bytes : null
}

/**
 * Why the document cannot be sent to be saved, or null. Checked in the window
 * first, so that an oversized script gets this message instead of a request
 * the connection would refuse.
 */
export function documentTooLarge(document: EditorDocument): string | null {
  const script = sizeOver(document.code, FILE_LIMITS.maxScriptBytes)
  if (script !== null)
    return `The script is ${describeBytes(script)}; a script file can be at most ${describeBytes(FILE_LIMITS.maxScriptBytes)}.`
  const input = sizeOver(document.inputText, LIMITS.maxInputBytes)
  if (input !== null)
    return `The input is ${describeBytes(input)}; input can be at most ${describeBytes(LIMITS.maxInputBytes)}.`
  return null
}

/** Where a paste lands, and the most it may hold. */
export type PasteTarget = 'script' | 'input'

export const PASTE_LIMIT_BYTES: Record<PasteTarget, number> = {
  script: FILE_LIMITS.maxScriptBytes,
  input: LIMITS.maxInputBytes,
}

/** Why a paste of `text` into the script or the input is refused, or null when it fits. */
export function pasteTooLarge(target: PasteTarget, text: string): string | null {
  const limit = PASTE_LIMIT_BYTES[target]
  const bytes = sizeOver(text, limit)
  if (bytes === null) return null
  return target === 'script'
    ? `The pasted text is ${describeBytes(bytes)}; a script can be at most ${describeBytes(limit)} (and a run ${describeBytes(LIMITS.maxCodeBytes)}).`
    : `The pasted text is ${describeBytes(bytes)}; input can be at most ${describeBytes(limit)}.`
}

/** The last part of a path, either separator: `dir/sum.js` -> `sum.js`. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path
}

/**
 * Why a name typed in Save As cannot be a script's, or null when it can:
 * a name whose extension is not `.js` or `.ts` is refused, never saved as
 * `notes.txt.js`.
 */
export function scriptNameProblem(name: string): string | null {
  const trimmed = name.trim()
  const last = baseName(trimmed)
  if (trimmed === '' || scriptLanguage(trimmed) !== null) return null
  if (last.endsWith('.'))
    return `"${last}" ends with a dot: a script's name ends in .js or .ts, or has no extension (it then gets the editor's).`
  const extension = /\.([^.]+)$/.exec(last)?.[1]
  if (extension === undefined || (last.startsWith('.') && last.indexOf('.', 1) < 0)) return null
  const stem = last.slice(0, -(extension.length + 1))
  return `"${last}" ends in .${extension}: a script must be a .js or .ts file (for example ${stem}.js or ${stem}.ts).`
}

/**
 * A name typed in Save As, with the extension of the editor's language when
 * it has none: `sum` -> `sum.ts` for TypeScript. A `.js`/`.ts` name is kept as
 * typed (the language then follows the file). Check it with
 * `scriptNameProblem` first: `notes.txt` is refused, not made `notes.txt.js`.
 */
export function withScriptExtension(name: string, language: Language): string {
  const trimmed = name.trim()
  if (trimmed === '' || scriptLanguage(trimmed) !== null) return trimmed
  return `${trimmed}.${language}`
}

/** `sum.js` -> `sum.ts` when the editor's language changed since the file was opened. */
export function swapExtension(path: string, language: Language): string {
  return path.replace(/\.(js|ts)$/i, `.${language}`)
}
