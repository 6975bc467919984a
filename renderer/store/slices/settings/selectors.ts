import type { Store } from '../../store-types'

export const selectSettings = (state: Store) => state.settings

/** For the Settings dialog: use with useShallow. */
export const selectSettingsView = (state: Store) => ({
  settings: state.settings,
  error: state.settingsError,
  saving: state.settingsSaving,
  saveSettings: state.saveSettings,
})
