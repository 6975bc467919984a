import { useAppStore } from '../store/context'
import { selectThemePreference } from '../store/slices/ui/selectors'
import { useSystemPrefersLight } from './system-theme'
import type { Theme } from './theme'
import { resolveTheme } from './theme'

/** The theme to draw now: the user's choice, or the system's while they follow it. */
export function useTheme(): Theme {
  const preference = useAppStore(selectThemePreference)
  return resolveTheme(preference, useSystemPrefersLight())
}

/** Sets the theme on the document before first paint, so the page does not flash dark then light. */
export function applyThemeToDocument(theme: Theme): void {
  document.documentElement.dataset.theme = theme
  document.documentElement.style.colorScheme = theme
}
