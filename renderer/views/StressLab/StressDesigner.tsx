import { useId } from 'react'
import type { ReactNode } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { FAULT_KINDS } from '../../../src/protocol/stress'
import { useAppStore } from '../../store/context'
import { selectCode, selectLanguage } from '../../store/slices/editor/selectors'
import {
  selectFaultTotal,
  selectStressControls,
  selectStressForm,
  selectStressFormActions,
  selectStressFormErrors,
} from '../../store/slices/stress/selectors'
import type {
  ArrivalPattern,
  PolicyField,
  StressFieldName,
  StressMode,
  StressTextField,
} from '../../store/slices/stress/stress-form'
import { FAULT_LABELS, MAX_STRESS_RUNS } from '../../store/slices/stress/stress-form'
import { STRESS_SCRIPT_CHOICES } from '../../store/slices/stress/stress-scripts'
import { WaitEstimate } from './WaitEstimate'

const ARRIVALS: { pattern: ArrivalPattern; label: string; title: string }[] = [
  { pattern: 'burst', label: 'All at once', title: 'Every run is submitted at the start' },
  { pattern: 'ramp', label: 'Ramp', title: 'Runs are spread evenly over a time' },
  { pattern: 'rate', label: 'Fixed rate', title: 'A number of runs every second' },
]

const number = new Intl.NumberFormat('en')

interface NumberFieldProps {
  name: StressTextField
  error: StressFieldName
  label: string
  unit?: string
  help: ReactNode
  min: number
  max: number
  step?: number
}

function NumberField({ name, error, label, unit, help, min, max, step = 1 }: NumberFieldProps) {
  const id = useId()
  const value = useAppStore((state) => state.stressForm[name])
  const message = useAppStore((state) => state.stressFormErrors[error])
  const { setField } = useAppStore(useShallow(selectStressFormActions))
  return (
    <div className="field stress-field">
      <label htmlFor={id} className="field-label">
        {label}
        {unit && <span className="field-unit"> ({unit})</span>}
      </label>
      <input
        id={id}
        className="input input-small"
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        step={step}
        value={value}
        aria-invalid={message !== undefined}
        aria-describedby={`${id}-help`}
        onChange={(event) => setField(name, event.target.value)}
      />
      <p id={`${id}-help`} className={message ? 'field-error-text' : 'field-help'}>
        {message ?? help}
      </p>
    </div>
  )
}

const MODES: { mode: StressMode; label: string; title: string }[] = [
  { mode: 'single', label: 'One gate', title: 'Run the workload through the gate settings below' },
  {
    mode: 'compare',
    label: 'Compare A vs B',
    title: 'Run the same workload under policy A, then under policy B, and compare them',
  },
]

function ModeField() {
  const mode = useAppStore((state) => state.stressForm.mode)
  const { setMode } = useAppStore(useShallow(selectStressFormActions))
  return (
    <div className="segmented stress-mode" role="radiogroup" aria-label="Mode">
      {MODES.map((option) => (
        <button
          key={option.mode}
          type="button"
          role="radio"
          aria-checked={mode === option.mode}
          title={option.title}
          onClick={() => setMode(option.mode)}
        >
          {option.label}
        </button>
      ))}
    </div>
  )
}

/** One field of compare mode's policy B. */
function PolicyBField({
  name,
  label,
  unit,
  min,
  max,
}: {
  name: PolicyField
  label: string
  unit?: string
  min: number
  max: number
}) {
  const id = useId()
  const value = useAppStore((state) => state.stressForm.policyB[name])
  const message = useAppStore((state) => state.stressFormErrors[`b.${name}`])
  const { setPolicyB } = useAppStore(useShallow(selectStressFormActions))
  return (
    <div className="field stress-field">
      <label htmlFor={id} className="field-label">
        {label}
        {unit && <span className="field-unit"> ({unit})</span>}
      </label>
      <input
        id={id}
        className="input input-small"
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        aria-label={`B ${label}`}
        value={value}
        aria-invalid={message !== undefined}
        onChange={(event) => setPolicyB(name, event.target.value)}
      />
      {message && <p className="field-error-text">{message}</p>}
    </div>
  )
}

function PolicyB() {
  return (
    <fieldset className="stress-fieldset policy-b">
      <legend className="field-label">Policy B</legend>
      <div className="stress-pair">
        <PolicyBField name="permits" label="Permits" min={1} max={256} />
        <PolicyBField name="lanes" label="Lanes" min={1} max={16} />
      </div>
      <div className="stress-pair">
        <PolicyBField name="waitTimeoutMs" label="Wait timeout" unit="ms" min={0} max={600_000} />
        <PolicyBField name="runTimeoutMs" label="Run timeout" unit="ms" min={10} max={600_000} />
      </div>
      <p className="field-help">
        A runs first, then B, on the same runs (one seed): one after the other, so neither measures
        the other’s load. Your gate settings come back afterwards.
      </p>
    </fieldset>
  )
}

function ScriptField() {
  const id = useId()
  const form = useAppStore(selectStressForm)
  const errors = useAppStore(selectStressFormErrors)
  const { setField } = useAppStore(useShallow(selectStressFormActions))
  const code = useAppStore(selectCode)
  const language = useAppStore(selectLanguage)
  const lines = code.split('\n').length
  const note =
    form.source === 'editor'
      ? `${lines} line${lines === 1 ? '' : 's'} of ${language === 'ts' ? 'TypeScript' : 'JavaScript'}, as the editor has it now.`
      : 'Run i gets input = { i }.'
  return (
    <div className="field stress-field">
      <label htmlFor={id} className="field-label">
        Script
      </label>
      <select
        id={id}
        className="select stress-select"
        value={form.source}
        aria-invalid={errors.script !== undefined}
        aria-describedby={`${id}-help`}
        onChange={(event) => setField('source', event.target.value)}
      >
        {STRESS_SCRIPT_CHOICES.map((choice) => (
          <option key={choice.id} value={choice.id}>
            {choice.label}
          </option>
        ))}
      </select>
      <p id={`${id}-help`} className={errors.script ? 'field-error-text' : 'field-help'}>
        {errors.script ?? note}
      </p>
    </div>
  )
}

function ArrivalField() {
  const arrival = useAppStore((state) => state.stressForm.arrival)
  const { setArrival } = useAppStore(useShallow(selectStressFormActions))
  return (
    <fieldset className="stress-fieldset">
      <legend className="field-label">Arrival</legend>
      <div className="segmented" role="radiogroup" aria-label="Arrival pattern">
        {ARRIVALS.map((option) => (
          <button
            key={option.pattern}
            type="button"
            role="radio"
            aria-checked={arrival === option.pattern}
            title={option.title}
            onClick={() => setArrival(option.pattern)}
          >
            {option.label}
          </button>
        ))}
      </div>
      {arrival === 'ramp' && (
        <NumberField
          name="rampOverMs"
          error="rampOverMs"
          label="Ramp over"
          unit="ms"
          min={1}
          max={3_600_000}
          help="The runs are submitted evenly over this time."
        />
      )}
      {arrival === 'rate' && (
        <NumberField
          name="ratePerSecond"
          error="ratePerSecond"
          label="Rate"
          unit="runs a second"
          min={0.1}
          max={100_000}
          step={0.1}
          help="From 0.1 to 100,000 runs a second."
        />
      )}
    </fieldset>
  )
}

function FaultMix() {
  const faults = useAppStore((state) => state.stressForm.faults)
  const errors = useAppStore(selectStressFormErrors)
  const total = useAppStore(selectFaultTotal)
  const { setFault } = useAppStore(useShallow(selectStressFormActions))
  const baseId = useId()
  const over = total > 100
  return (
    <fieldset className="stress-fieldset">
      <legend className="field-label">Fault mix (% of runs)</legend>
      <div className="fault-grid">
        {FAULT_KINDS.map((kind) => {
          const id = `${baseId}-${kind}`
          const error = errors[`fault.${kind}`]
          return (
            <div key={kind} className="fault-row" title={FAULT_LABELS[kind].help}>
              <label htmlFor={id} className={`fault-label fault-${kind}`}>
                {FAULT_LABELS[kind].label}
              </label>
              <input
                id={id}
                className="input input-small fault-input"
                type="number"
                inputMode="decimal"
                min={0}
                max={100}
                step={0.5}
                value={faults[kind]}
                aria-invalid={error !== undefined}
                aria-describedby={`${baseId}-total`}
                onChange={(event) => setFault(kind, event.target.value)}
              />
              <span className="field-unit">%</span>
              {error && <p className="field-error-text fault-error">{error}</p>}
            </div>
          )
        })}
      </div>
      <div className="fault-bar" aria-hidden="true">
        {FAULT_KINDS.map((kind) => {
          const value = Number(faults[kind])
          const width = Number.isFinite(value) && value > 0 ? Math.min(100, value) : 0
          return <span key={kind} className={`fault-bar-${kind}`} style={{ width: `${width}%` }} />
        })}
      </div>
      <p
        id={`${baseId}-total`}
        className={over ? 'field-error-text' : 'field-help'}
        role={over ? 'alert' : undefined}
        aria-label="Fault total"
      >
        {errors.faultTotal ??
          (over
            ? `Total ${total}%: the faults must add up to at most 100%`
            : `Total ${total}% of runs fail on purpose; ${Math.round((100 - total) * 100) / 100}% run the script. Runs that wait longer than the wait timeout fail too: see the estimate.`)}
      </p>
    </fieldset>
  )
}

function Controls() {
  const controls = useAppStore(useShallow(selectStressControls))
  return (
    <div className="stress-controls">
      {/* Submits the form: Enter in any field starts too. */}
      <button type="submit" className="button button-primary" disabled={!controls.canStart}>
        Start
      </button>
      <button
        type="button"
        className="button"
        disabled={!controls.canPause}
        onClick={() => void controls.control('pause')}
      >
        Pause
      </button>
      <button
        type="button"
        className="button"
        disabled={!controls.canResume}
        onClick={() => void controls.control('resume')}
      >
        Resume
      </button>
      <button
        type="button"
        className="button"
        disabled={!controls.canCancel}
        onClick={() => void controls.control('cancel')}
      >
        Cancel
      </button>
      {controls.busy && (
        <span className="stress-busy" role="status">
          <span className="spinner" aria-hidden="true" /> {controls.busy}
        </span>
      )}
    </div>
  )
}

/** The stress run's design: script, count, gate settings, arrival and fault mix; then Start. */
export function StressDesigner() {
  const { error, dismissError, start } = useAppStore(useShallow(selectStressControls))
  const compare = useAppStore((state) => state.stressForm.mode === 'compare')
  return (
    <section className="stress-designer panel" aria-labelledby="stress-design-title">
      <header className="panel-header">
        <h2 id="stress-design-title" className="panel-title">
          Design
        </h2>
      </header>
      <form
        className="panel-body stress-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          void start()
        }}
      >
        <ModeField />
        <ScriptField />
        <NumberField
          name="runs"
          error="runs"
          label="Runs"
          min={1}
          max={MAX_STRESS_RUNS}
          help={`From 1 to ${number.format(MAX_STRESS_RUNS)}.`}
        />
        <NumberField
          name="seed"
          error="seed"
          label="Seed"
          min={0}
          max={4_294_967_295}
          help="Which runs get which fault. Empty: a new seed each start; the report keeps it."
        />
        <ArrivalField />
        <fieldset className="stress-fieldset">
          <legend className="field-label">{compare ? 'Policy A' : 'Gate'}</legend>
          <div className="stress-pair">
            <NumberField
              name="permits"
              error="permits"
              label="Permits"
              min={1}
              max={256}
              help="1 to 256"
            />
            <NumberField name="lanes" error="lanes" label="Lanes" min={1} max={16} help="1 to 16" />
          </div>
          <div className="stress-pair">
            <NumberField
              name="waitTimeoutMs"
              error="waitTimeoutMs"
              label="Wait timeout"
              unit="ms"
              min={0}
              max={600_000}
              help="0 fails at once when full"
            />
            <NumberField
              name="runTimeoutMs"
              error="runTimeoutMs"
              label="Run timeout"
              unit="ms"
              min={10}
              max={600_000}
              help="10 to 600,000"
            />
          </div>
          {!compare && (
            <p className="field-help">
              Permits, lanes and the wait timeout are the gate’s own settings: Start applies them (a
              new lane count restarts the sandbox host). The run timeout applies to this stress
              only.
            </p>
          )}
        </fieldset>
        {compare && <PolicyB />}
        <FaultMix />
        {/* Stays in view at the bottom of the side column: Start needs no scrolling. */}
        <div className="stress-start-bar">
          <WaitEstimate />
          <Controls />
        </div>
        {error && (
          <div className="field-error stress-error" role="alert">
            <span>{error}</span>
            <button type="button" className="link-button" onClick={dismissError}>
              Dismiss
            </button>
          </div>
        )}
      </form>
    </section>
  )
}
