export interface EditorSlice {
  /** The script: the body of a function that receives `input`. */
  code: string
  /** The input as JSON text, exactly as typed; empty means no input. */
  inputText: string
  /** Why `inputText` is not valid JSON; null when it is, or when it is empty. */
  inputError: string | null
  setCode: (code: string) => void
  setInputText: (text: string) => void
}
