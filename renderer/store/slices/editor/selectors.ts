import type { Settings } from '../../../../src/protocol/settings'
import { findExample } from '../../../examples/catalog'
import type { Store } from '../../store-types'
import { effectiveLimit, parseLimits } from './limits'

export const selectCode = (state: Store) => state.code
export const selectSetCode = (state: Store) => state.setCode
export const selectLanguage = (state: Store) => state.language
export const selectSetLanguage = (state: Store) => state.setLanguage
export const selectInputText = (state: Store) => state.inputText
export const selectInputError = (state: Store) => state.inputError
export const selectSetInputText = (state: Store) => state.setInputText
export const selectCursor = (state: Store) => state.cursor
export const selectSetCursor = (state: Store) => state.setCursor
export const selectRevealRequest = (state: Store) => state.revealRequest
export const selectRevealInEditor = (state: Store) => state.revealInEditor

/** The limits a run would be submitted with, and what is wrong with the typed ones. */
export const selectParsedLimits = (state: Store) => parseLimits(state.limitsDraft, state.settings)

/** For the Limits control: use with useShallow. */
export const selectLimitsView = (state: Store) => ({
  draft: state.limitsDraft,
  settings: state.settings,
  setLimit: state.setLimit,
  resetLimits: state.resetLimits,
})

/** The limits in force for the next run, as one line: `5 s · 64 MB · 1024 KB`. */
export const selectLimitsSummary = (state: Store): string => {
  const timeout = effectiveLimit('runTimeoutMs', state.limitsDraft, state.settings)
  const memory = effectiveLimit('memoryMb', state.limitsDraft, state.settings)
  const stack = effectiveLimit('stackKb', state.limitsDraft, state.settings)
  if (timeout === null || memory === null || stack === null) return 'gate defaults'
  const seconds = timeout >= 1000 ? `${timeout / 1000} s` : `${timeout} ms`
  return `${seconds} · ${memory} MB · ${stack} KB`
}

/** What the loaded example needs from the gate's settings and does not have, or null. Use with useShallow. */
export const selectExampleRequirement = (state: Store) => {
  const { settings } = state
  if (!state.loadedExampleId || !settings) return null
  const requires = findExample(state.loadedExampleId)?.requires
  if (!requires) return null
  const satisfied = Object.entries(requires.atLeast).every(
    ([name, minimum]) => settings[name as keyof Settings] >= (minimum ?? 0),
  )
  if (satisfied) return null
  return { exampleId: state.loadedExampleId, apply: requires.apply, reason: requires.reason }
}
