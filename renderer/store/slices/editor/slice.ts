import type { SliceCreator } from '../../store-types'
import { DEFAULT_CODE, DEFAULT_INPUT } from './defaults'
import { validateInputJson } from './input-validation'
import { EMPTY_LIMITS } from './limits'
import type { EditorSlice } from './types'

export const createEditorSlice: SliceCreator<EditorSlice> = (set, get) => ({
  code: DEFAULT_CODE,
  language: 'js',
  inputText: DEFAULT_INPUT,
  inputError: validateInputJson(DEFAULT_INPUT),
  limitsDraft: EMPTY_LIMITS,
  cursor: { line: 1, column: 1 },
  revealRequest: null,
  loadedExampleId: null,

  setCode: (code) => {
    if (code === get().code) return
    set({ code, loadedExampleId: null })
  },
  setLanguage: (language) => set({ language }),
  setInputText: (inputText) => set({ inputText, inputError: validateInputJson(inputText) }),
  setLimit: (name, text) =>
    set((state) => ({ limitsDraft: { ...state.limitsDraft, [name]: text } })),
  resetLimits: () => set({ limitsDraft: EMPTY_LIMITS }),
  setCursor: (cursor) => {
    const current = get().cursor
    if (current.line === cursor.line && current.column === cursor.column) return
    set({ cursor })
  },
  revealInEditor: ({ line, column }) =>
    set((state) => ({
      revealRequest: {
        line: Math.max(1, Math.floor(line)),
        column: Math.max(1, Math.floor(column)),
        seq: (state.revealRequest?.seq ?? 0) + 1,
      },
    })),
})
