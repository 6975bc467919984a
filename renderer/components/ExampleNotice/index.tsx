import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAppStore } from '../../store/context'
import { selectExampleRequirement } from '../../store/slices/editor/selectors'
import { selectSettingsView } from '../../store/slices/settings/selectors'

/** Says when the loaded example needs other gate settings to show what it is meant to, and offers them. */
export function ExampleNotice() {
  const requirement = useAppStore(useShallow(selectExampleRequirement))
  const { saving, saveSettings } = useAppStore(useShallow(selectSettingsView))
  const [dismissed, setDismissed] = useState<string | null>(null)
  if (!requirement || dismissed === requirement.exampleId) return null
  const wanted = Object.entries(requirement.apply)
    .map(([name, value]) => `${name} ${value}`)
    .join(', ')
  return (
    <div className="banner banner-notice" role="status">
      <span className="banner-message">{requirement.reason}</span>
      <button
        type="button"
        className="button button-small button-primary"
        disabled={saving}
        onClick={() => void saveSettings(requirement.apply)}
      >
        {saving ? 'Applying…' : `Set ${wanted}`}
      </button>
      <button
        type="button"
        className="button button-small"
        onClick={() => setDismissed(requirement.exampleId)}
      >
        Dismiss
      </button>
    </div>
  )
}
