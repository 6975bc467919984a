import type { Settings } from '../../../../src/protocol/settings'

export interface SettingsSlice {
  /** The gate's settings as the core last reported them; null until loaded. */
  settings: Settings | null
  /** Why loading or saving failed, in the core's words. */
  settingsError: string | null
  settingsSaving: boolean
  loadSettings: () => Promise<void>
  /** Sends the changed settings; resolves true when the core accepted them. */
  saveSettings: (changes: Partial<Settings>) => Promise<boolean>
}
