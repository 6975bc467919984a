import { useId, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { SETTING_RANGES } from '../../../src/protocol/settings'
import { useAppStore } from '../../store/context'
import {
  LIMIT_LABELS,
  LIMIT_NAMES,
  limitMaximum,
  parseLimits,
} from '../../store/slices/editor/limits'
import { selectLimitsSummary, selectLimitsView } from '../../store/slices/editor/selectors'
import { usePopover } from './use-popover'

/** The next run's own limits; an empty field means the gate's setting. */
export function LimitsPopover() {
  const { draft, settings, setLimit, resetLimits } = useAppStore(useShallow(selectLimitsView))
  const summary = useAppStore(selectLimitsSummary)
  const [open, setOpen] = useState(false)
  const { root, trigger } = usePopover<HTMLDivElement>(open, setOpen)
  const panelId = useId()
  const { errors } = parseLimits(draft, settings)
  const custom = LIMIT_NAMES.some((name) => draft[name].trim() !== '')
  const invalid = Object.keys(errors).length > 0

  return (
    <div className="popover-anchor" ref={root}>
      <button
        ref={trigger}
        type="button"
        className={`button button-limits${invalid ? ' is-invalid' : ''}`}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        // The name starts with the visible text (label in name, WCAG 2.5.3).
        aria-label={`Limits ${summary}`}
        title="This run's time, memory and stack limits"
        onClick={() => setOpen(!open)}
      >
        <span className="button-label-muted">Limits</span>{' '}
        <span className="limits-summary">{summary}</span>
        {custom && <span className="dot-custom" aria-hidden="true" />}
        <span className="chevron" aria-hidden="true" />
      </button>
      {open && (
        <div id={panelId} role="dialog" aria-label="Run limits" className="popover limits-panel">
          <p className="popover-note">
            Limits for the next runs. Leave a field empty to use the gate’s setting.
          </p>
          {LIMIT_NAMES.map((name) => {
            const { label, unit } = LIMIT_LABELS[name]
            const fieldId = `${panelId}-${name}`
            const error = errors[name]
            return (
              <div key={name} className="field">
                <label htmlFor={fieldId} className="field-label">
                  {label} ({unit})
                </label>
                <input
                  id={fieldId}
                  className="input"
                  type="number"
                  inputMode="numeric"
                  min={SETTING_RANGES[name].min}
                  max={limitMaximum(name, settings)}
                  step={1}
                  placeholder={settings ? `${settings[name]} (setting)` : 'setting'}
                  value={draft[name]}
                  aria-invalid={error !== undefined}
                  aria-describedby={error ? `${fieldId}-error` : undefined}
                  onChange={(event) => setLimit(name, event.target.value)}
                />
                {error && (
                  <p id={`${fieldId}-error`} className="field-error-text">
                    {error}
                  </p>
                )}
              </div>
            )
          })}
          <div className="popover-actions">
            <button
              type="button"
              className="button button-small"
              onClick={resetLimits}
              disabled={!custom}
            >
              Use the gate’s settings
            </button>
            <button
              type="button"
              className="button button-small button-primary"
              onClick={() => {
                setOpen(false)
                trigger.current?.focus()
              }}
            >
              Done
            </button>
          </div>
        </div>
      )}
    </div>
  )
}
