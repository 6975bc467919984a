/**
 * Where the settings came from at start, and anything the user must be told
 * about them: the answer of `settingsStatus({})`. Types only.
 */
export interface SettingsNotice {
  /**
   * corrupt: the file is not JSON; invalid: some values were wrong or out of
   * range; unreadable: the file could not be read; write-failed: a change
   * could not be saved (it applies until the app quits).
   */
  kind: 'corrupt' | 'invalid' | 'unreadable' | 'write-failed'
  /** One or more sentences for the user. */
  message: string
  /** Where the rejected file was copied before it is overwritten, if it was. */
  backupPath?: string
  /** Epoch milliseconds. */
  at: number
}

export interface SettingsStatus {
  /** The settings file, or null when the settings are not persisted. */
  path: string | null
  /** 'file' when the file was read (valid values kept), 'defaults' otherwise. */
  loadedFrom: 'file' | 'defaults'
  /** Present when something went wrong; show it until the user dismisses it. */
  notice?: SettingsNotice
}
