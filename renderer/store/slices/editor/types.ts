import type { Language } from '../../../../src/protocol/request'
import type { LimitName, LimitsDraft } from './limits'

/** A place in the script, 1-based like Monaco's. */
export interface EditorPosition {
  line: number
  column: number
}

export interface EditorSlice {
  /** The script: the body of a function that receives `input`. */
  code: string
  language: Language
  /** The input as JSON text, exactly as typed; empty means no input. */
  inputText: string
  /** Why `inputText` is not valid JSON; null when it is, or when it is empty. */
  inputError: string | null
  /** The per-run limits as typed in the toolbar. */
  limitsDraft: LimitsDraft
  /** Where the editor's cursor is, for the status line. */
  cursor: EditorPosition
  /** A request for the editor to move its cursor there; `seq` makes a repeat click count. */
  revealRequest: (EditorPosition & { seq: number }) | null
  /** The example last loaded, while its code is unchanged. */
  loadedExampleId: string | null
  setCode: (code: string) => void
  setLanguage: (language: Language) => void
  setInputText: (text: string) => void
  setLimit: (name: LimitName, text: string) => void
  resetLimits: () => void
  setCursor: (position: EditorPosition) => void
  /** Moves the editor's cursor to a line and column (from an error's location). */
  revealInEditor: (position: EditorPosition) => void
}
