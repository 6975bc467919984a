import type { SliceCreator } from '../../store-types'
import { DEFAULT_CODE, DEFAULT_INPUT } from './defaults'
import { validateInputJson } from './input-validation'
import type { EditorSlice } from './types'

export const createEditorSlice: SliceCreator<EditorSlice> = (set) => ({
  code: DEFAULT_CODE,
  inputText: DEFAULT_INPUT,
  inputError: validateInputJson(DEFAULT_INPUT),
  setCode: (code) => set({ code }),
  setInputText: (inputText) => set({ inputText, inputError: validateInputJson(inputText) }),
})
