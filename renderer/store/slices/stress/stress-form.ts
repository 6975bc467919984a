import type { Language } from '../../../../src/protocol/request'
import type { Settings } from '../../../../src/protocol/settings'
import { LIMITS, SETTING_RANGES } from '../../../../src/protocol/settings'
import type { FaultKind, StressPlan, StressPolicy } from '../../../../src/protocol/stress'
import { FAULT_KINDS, MAX_SEED } from '../../../../src/protocol/stress'

export const MAX_STRESS_RUNS = 100_000
const RAMP_MAX_MS = 3_600_000
const RATE_RANGE = { min: 0.1, max: 100_000 }

export type ArrivalPattern = StressPlan['arrival']['pattern']

/** One stress, or policy A against policy B on the same workload. */
export type StressMode = 'single' | 'compare'

/** A policy's fields as typed (policy A is the form's own gate fields). */
export type PolicyField = keyof StressPolicy
export type PolicyDraft = Record<PolicyField, string>

/** The Stress view's form, as typed: numbers stay text until the form is read. */
export interface StressFormDraft {
  /** Where the script comes from: 'workload', 'editor', or an example's id. */
  source: string
  runs: string
  permits: string
  lanes: string
  waitTimeoutMs: string
  runTimeoutMs: string
  arrival: ArrivalPattern
  rampOverMs: string
  ratePerSecond: string
  faults: Record<FaultKind, string>
  mode: StressMode
  /** Empty: the core picks a seed (and the report records it). */
  seed: string
  /** Compare mode's policy B; the workload, arrival and faults are shared. */
  policyB: PolicyDraft
}

/** The fields that take text, by name, for `setStressField`. */
export type StressTextField = Exclude<
  keyof StressFormDraft,
  'faults' | 'arrival' | 'mode' | 'policyB'
>

/** Where an error shows: a field, one fault's percentage, the fault total, or the script. */
export type StressFieldName =
  | 'runs'
  | 'permits'
  | 'lanes'
  | 'waitTimeoutMs'
  | 'runTimeoutMs'
  | 'rampOverMs'
  | 'ratePerSecond'
  | 'faultTotal'
  | 'script'
  | 'seed'
  | `fault.${FaultKind}`
  | `b.${PolicyField}`

export type StressFormErrors = Partial<Record<StressFieldName, string>>

/** The gate settings a stress asks for; they are the gate's own, so starting applies them. */
export type StressGateSettings = Pick<Settings, 'permits' | 'lanes' | 'waitTimeoutMs'>

export type StressFormResult =
  | {
      ok: true
      plan: StressPlan
      gate: StressGateSettings
      /** Compare mode: the two policies (A is the gate fields and the run timeout). */
      compare?: { a: StressPolicy; b: StressPolicy }
    }
  | { ok: false; errors: StressFormErrors }

export const FAULT_LABELS: Record<FaultKind, { label: string; help: string }> = {
  throw: { label: 'Throw', help: 'The run throws an Error at once (ScriptError).' },
  loop: { label: 'Loop forever', help: 'while (true) {}: the interrupt stops it (TimeoutError).' },
  memory: {
    label: 'Allocate without bound',
    help: 'Pushes arrays until the memory limit ends it (MemoryLimitError).',
  },
  stuck: {
    label: 'Stuck in a built-in',
    help: 'A built-in that never checks for interrupts: the watchdog replaces its lane (TimeoutError).',
  },
  crash: {
    label: 'Crash the lane',
    help: 'The lane’s thread dies while it runs the script: it is replaced (PanicError).',
  },
}

export function defaultStressForm(settings?: Settings | null): StressFormDraft {
  return {
    source: 'workload',
    runs: '1000',
    permits: String(settings?.permits ?? 4),
    lanes: String(settings?.lanes ?? 2),
    waitTimeoutMs: String(settings?.waitTimeoutMs ?? 10_000),
    runTimeoutMs: String(settings?.runTimeoutMs ?? 5_000),
    arrival: 'burst',
    rampOverMs: '5000',
    ratePerSecond: '500',
    faults: { throw: '0', loop: '0', memory: '0', stuck: '0', crash: '0' },
    mode: 'single',
    seed: '',
    // B starts as a bigger gate than the settings: the usual question is "would more help?".
    policyB: {
      permits: String(Math.min(256, (settings?.permits ?? 4) * 2)),
      lanes: String(settings?.lanes ?? 2),
      waitTimeoutMs: String(settings?.waitTimeoutMs ?? 10_000),
      runTimeoutMs: String(settings?.runTimeoutMs ?? 5_000),
    },
  }
}

/** A number typed in a field, or null when it is not one. Empty text is not 0. */
function numberOf(text: string): number | null {
  const trimmed = text.trim()
  if (trimmed === '') return null
  const value = Number(trimmed)
  return Number.isFinite(value) ? value : null
}

function wholeInRange(
  text: string,
  label: string,
  min: number,
  max: number,
  unit = '',
): { value: number } | { error: string } {
  const value = numberOf(text)
  const suffix = unit ? ` ${unit}` : ''
  if (value === null || !Number.isInteger(value))
    return { error: `${label} must be a whole number from ${min} to ${max}${suffix}` }
  if (value < min) return { error: `${label} must be at least ${min}${suffix}` }
  if (value > max) return { error: `${label} must be at most ${max}${suffix}` }
  return { value }
}

/**
 * The fault percentages as numbers and their total; a field that is not a
 * number from 0 to 100 counts as 0 in the total and has an error.
 */
export function readFaults(faults: Record<FaultKind, string>): {
  values: Partial<Record<FaultKind, number>>
  total: number
  errors: StressFormErrors
} {
  const values: Partial<Record<FaultKind, number>> = {}
  const errors: StressFormErrors = {}
  let total = 0
  for (const kind of FAULT_KINDS) {
    const text = faults[kind].trim()
    if (text === '') continue
    const value = Number(text)
    const { label } = FAULT_LABELS[kind]
    if (!Number.isFinite(value)) errors[`fault.${kind}`] = `${label}: enter a percentage`
    else if (value < 0 || value > 100)
      errors[`fault.${kind}`] = `${label} must be from 0 to 100 percent`
    else if (value > 0) {
      values[kind] = value
      total += value
    }
  }
  // Two decimals are plenty; this keeps 0.1 + 0.2 from showing as 0.30000000000000004.
  total = Math.round(total * 100) / 100
  if (total > 100)
    errors.faultTotal = `The faults add up to ${total}%: at most 100% of runs can fail`
  return { values, total, errors }
}

/**
 * Checks the form and builds the stress plan and the gate settings it
 * needs, with a message for every field that is wrong, before anything is
 * sent to the core (which checks again).
 */
export function readStressForm(
  draft: StressFormDraft,
  script: { code: string; language: Language } | null,
): StressFormResult {
  const errors: StressFormErrors = {}
  const take = (name: StressFieldName, result: { value: number } | { error: string }) => {
    if ('error' in result) {
      errors[name] = result.error
      return 0
    }
    return result.value
  }
  const runs = take('runs', wholeInRange(draft.runs, 'Runs', 1, MAX_STRESS_RUNS))
  const range = SETTING_RANGES
  const permits = take(
    'permits',
    wholeInRange(draft.permits, 'Permits', range.permits.min, range.permits.max),
  )
  const lanes = take('lanes', wholeInRange(draft.lanes, 'Lanes', range.lanes.min, range.lanes.max))
  const waitTimeoutMs = take(
    'waitTimeoutMs',
    wholeInRange(
      draft.waitTimeoutMs,
      'Wait timeout',
      range.waitTimeoutMs.min,
      range.waitTimeoutMs.max,
      'ms',
    ),
  )
  const runTimeoutMs = take(
    'runTimeoutMs',
    wholeInRange(
      draft.runTimeoutMs,
      'Run timeout',
      range.runTimeoutMs.min,
      range.runTimeoutMs.max,
      'ms',
    ),
  )

  let arrival: StressPlan['arrival'] = { pattern: 'burst' }
  if (draft.arrival === 'ramp') {
    const overMs = take(
      'rampOverMs',
      wholeInRange(draft.rampOverMs, 'The ramp', 1, RAMP_MAX_MS, 'ms'),
    )
    arrival = { pattern: 'ramp', overMs }
  } else if (draft.arrival === 'rate') {
    const perSecond = numberOf(draft.ratePerSecond)
    if (perSecond === null || perSecond < RATE_RANGE.min || perSecond > RATE_RANGE.max)
      errors.ratePerSecond = `The rate must be from ${RATE_RANGE.min} to ${RATE_RANGE.max} runs a second`
    arrival = { pattern: 'rate', perSecond: perSecond ?? 0 }
  }

  const faults = readFaults(draft.faults)
  Object.assign(errors, faults.errors)

  let seed: number | undefined
  if (draft.seed.trim() !== '')
    seed = take('seed', wholeInRange(draft.seed, 'The seed', 0, MAX_SEED))

  let policyB: StressPolicy | undefined
  if (draft.mode === 'compare') {
    const b = draft.policyB
    const field = (name: PolicyField, label: string, unit = '') =>
      take(`b.${name}`, wholeInRange(b[name], label, range[name].min, range[name].max, unit))
    policyB = {
      permits: field('permits', 'Permits'),
      lanes: field('lanes', 'Lanes'),
      waitTimeoutMs: field('waitTimeoutMs', 'Wait timeout', 'ms'),
      runTimeoutMs: field('runTimeoutMs', 'Run timeout', 'ms'),
    }
  }

  if (!script) errors.script = 'Choose a script to stress'
  else if (script.code.trim() === '')
    errors.script = 'The script is empty: write one or pick another'
  else {
    const bytes = new TextEncoder().encode(script.code).length
    if (bytes > LIMITS.maxCodeBytes)
      errors.script = `The script is ${bytes} bytes; a run takes at most ${LIMITS.maxCodeBytes}`
  }

  if (Object.keys(errors).length > 0 || !script) return { ok: false, errors }
  const plan: StressPlan = {
    code: script.code,
    language: script.language,
    runs,
    arrival,
    faults: faults.values,
    runTimeoutMs,
  }
  if (seed !== undefined) plan.seed = seed
  const gate = { permits, lanes, waitTimeoutMs }
  if (!policyB) return { ok: true, plan, gate }
  return { ok: true, plan, gate, compare: { a: { ...gate, runTimeoutMs }, b: policyB } }
}

/** The gate settings that differ from the current ones: what starting must change first. */
export function gateChanges(
  wanted: StressGateSettings,
  current: Settings | null,
): Partial<StressGateSettings> {
  if (!current) return { ...wanted }
  const changes: Partial<StressGateSettings> = {}
  for (const name of ['permits', 'lanes', 'waitTimeoutMs'] as const)
    if (wanted[name] !== current[name]) changes[name] = wanted[name]
  return changes
}
