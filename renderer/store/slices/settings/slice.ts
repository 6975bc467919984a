import type { SliceCreator, StoreDeps } from '../../store-types'
import type { SettingsSlice } from './types'

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

export const createSettingsSlice =
  ({ api }: StoreDeps): SliceCreator<SettingsSlice> =>
  (set, get) => ({
    settings: null,
    settingsError: null,
    settingsSaving: false,

    loadSettings: async () => {
      try {
        set({ settings: await api.getSettings({}) })
      } catch (error) {
        set({ settingsError: `Could not read the settings: ${messageOf(error)}` })
      }
    },

    saveSettings: async (changes) => {
      if (Object.keys(changes).length === 0) return true
      set({ settingsSaving: true, settingsError: null })
      try {
        const settings = await api.updateSettings(changes)
        set({ settings, settingsSaving: false })
        void get().refreshSnapshot()
        return true
      } catch (error) {
        set({ settingsSaving: false, settingsError: messageOf(error) })
        return false
      }
    },
  })
