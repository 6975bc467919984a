import type { Store } from '../../store-types'

export const selectCode = (state: Store) => state.code
export const selectSetCode = (state: Store) => state.setCode
export const selectInputText = (state: Store) => state.inputText
export const selectInputError = (state: Store) => state.inputError
export const selectSetInputText = (state: Store) => state.setInputText
