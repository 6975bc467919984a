import { useEffect, useId, useRef, useState } from 'react'
import type { FormEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { Settings } from '../../../src/protocol/settings'
import { SETTING_RANGES } from '../../../src/protocol/settings'
import { useAppStore } from '../../store/context'
import {
  SETTING_FIELDS,
  draftFromSettings,
  readSettingsDraft,
} from '../../store/slices/settings/settings-form'
import type { SettingName, SettingsDraft } from '../../store/slices/settings/settings-form'
import { selectSettingsView } from '../../store/slices/settings/selectors'
import { selectSetSettingsOpen } from '../../store/slices/ui/selectors'

const numberFormat = new Intl.NumberFormat('en')

/** The gate's settings, as a modal dialog; mounted only while open, so it starts from the current values. */
export function SettingsDialog() {
  const { settings, error, saving, saveSettings } = useAppStore(useShallow(selectSettingsView))
  const setOpen = useAppStore(selectSetSettingsOpen)
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()

  useEffect(() => {
    const element = dialog.current
    if (element && !element.open) element.showModal()
    return () => element?.close()
  }, [])

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault()
        setOpen(false)
      }}
    >
      <h2 id={titleId} className="dialog-title">
        Gate settings
      </h2>
      {settings ? (
        <SettingsForm
          settings={settings}
          error={error}
          saving={saving}
          onSave={saveSettings}
          onClose={() => setOpen(false)}
        />
      ) : (
        <>
          <p className="placeholder">{error ?? 'Reading the settings…'}</p>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => setOpen(false)}>
              Close
            </button>
          </div>
        </>
      )}
    </dialog>
  )
}

interface SettingsFormProps {
  settings: Settings
  error: string | null
  saving: boolean
  onSave: (changes: Partial<Settings>) => Promise<boolean>
  onClose: () => void
}

function SettingsForm({ settings, error, saving, onSave, onClose }: SettingsFormProps) {
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFromSettings(settings))
  const [submitted, setSubmitted] = useState(false)
  const formId = useId()
  const { changes, errors } = readSettingsDraft(draft, settings)
  const restarts = SETTING_FIELDS.some((field) => field.restartsHost && field.name in changes)
  const invalid = Object.keys(errors).length > 0

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setSubmitted(true)
    if (invalid) return
    if (await onSave(changes)) onClose()
  }

  const set = (name: SettingName, value: string) =>
    setDraft((current) => ({ ...current, [name]: value }))

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <div className="settings-grid">
        {SETTING_FIELDS.map(({ name, label, unit, help, restartsHost }) => {
          const { min, max } = SETTING_RANGES[name]
          const fieldId = `${formId}-${name}`
          const fieldError = errors[name]
          const showError =
            fieldError !== undefined && (submitted || draft[name] !== String(settings[name]))
          return (
            <div key={name} className="field">
              <label htmlFor={fieldId} className="field-label">
                {label}
                {unit && <span className="field-unit"> ({unit})</span>}
              </label>
              <input
                id={fieldId}
                name={name}
                className="input"
                type="number"
                inputMode="numeric"
                min={min}
                max={max}
                step={1}
                value={draft[name]}
                aria-invalid={showError}
                aria-describedby={`${fieldId}-help`}
                onChange={(event) => set(name, event.target.value)}
              />
              <p id={`${fieldId}-help`} className={showError ? 'field-error-text' : 'field-help'}>
                {showError
                  ? fieldError
                  : `${help} ${numberFormat.format(min)} to ${numberFormat.format(max)}${unit ? ` ${unit}` : ''}.${restartsHost ? ' Changing it starts a new sandbox host.' : ''}`}
              </p>
            </div>
          )
        })}
      </div>
      {restarts && (
        <p className="dialog-note">
          Lanes or memory changed: a new sandbox host starts once the runs in flight finish; new
          runs wait for its lanes.
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose} disabled={saving}>
          Cancel
        </button>
        <button
          type="submit"
          className="button button-primary"
          disabled={saving || (submitted && invalid)}
        >
          {saving ? 'Applying…' : 'Apply'}
        </button>
      </div>
    </form>
  )
}
