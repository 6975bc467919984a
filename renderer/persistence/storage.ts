/**
 * Preferences kept between launches (theme, pane sizes) in localStorage.
 * Everything read back is validated: a stale or hand-edited value falls back
 * to the default instead of breaking the window.
 */
export interface PreferenceStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

export const STORAGE_KEYS = {
  theme: 'gatehouse.theme',
  paneSizes: 'gatehouse.paneSizes',
} as const

/** localStorage when the window has one that works, else null (private mode, tests). */
export function browserStorage(): PreferenceStorage | null {
  try {
    const storage = window.localStorage
    const probe = 'gatehouse.probe'
    storage.setItem(probe, '1')
    storage.removeItem(probe)
    return storage
  } catch {
    return null
  }
}

export function readJson<T>(
  storage: PreferenceStorage | null,
  key: string,
  parse: (value: unknown) => T | null,
): T | null {
  if (!storage) return null
  try {
    const text = storage.getItem(key)
    if (text === null) return null
    return parse(JSON.parse(text))
  } catch {
    return null
  }
}

export function writeJson(storage: PreferenceStorage | null, key: string, value: unknown): void {
  if (!storage) return
  try {
    storage.setItem(key, JSON.stringify(value))
  } catch {
    // Quota or a locked-down profile: the preference simply is not remembered.
  }
}
