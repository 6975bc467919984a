import { useAppStore } from '../../store/context'
import { selectSetThemePreference, selectThemePreference } from '../../store/slices/ui/selectors'
import { isThemePreference } from '../../theme/theme'

/** System, light or dark; remembered across launches. */
export function ThemeSelect() {
  const preference = useAppStore(selectThemePreference)
  const setPreference = useAppStore(selectSetThemePreference)
  return (
    <select
      className="select"
      aria-label="Theme"
      title="Theme: follow the system, or always light or dark"
      value={preference}
      onChange={(event) => {
        if (isThemePreference(event.target.value)) setPreference(event.target.value)
      }}
    >
      <option value="system">System</option>
      <option value="light">Light</option>
      <option value="dark">Dark</option>
    </select>
  )
}
