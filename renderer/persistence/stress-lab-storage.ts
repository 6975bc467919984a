import { parseStressReport } from '../../src/engine/stress/report-file'
import type { StressReportFull } from '../../src/protocol/stress'
import { FAULT_KINDS } from '../../src/protocol/stress'
import type { StressFormDraft } from '../store/slices/stress/stress-form'
import { defaultStressForm } from '../store/slices/stress/stress-form'
import type { PreferenceStorage } from './storage'
import { readJson, writeJson } from './storage'

/** Where the stress lab keeps its design and its last report, so both survive a reload. */
export const STRESS_STORAGE_KEYS = {
  design: 'gatehouse.stressDesign',
  lastReport: 'gatehouse.stressLastReport',
} as const

const TEXT_FIELDS = [
  'source',
  'runs',
  'permits',
  'lanes',
  'waitTimeoutMs',
  'runTimeoutMs',
  'rampOverMs',
  'ratePerSecond',
  'seed',
] as const

/**
 * A stored design, field by field over the defaults: a field that is
 * missing or of the wrong type keeps its default (a form from an older
 * version still opens). Null when nothing usable is stored.
 */
export function parseStressDesign(value: unknown): StressFormDraft | null {
  if (typeof value !== 'object' || value === null) return null
  const stored = value as Record<string, unknown>
  const form = defaultStressForm()
  for (const field of TEXT_FIELDS) {
    const text = stored[field]
    if (typeof text === 'string') form[field] = text
  }
  if (stored.arrival === 'burst' || stored.arrival === 'ramp' || stored.arrival === 'rate')
    form.arrival = stored.arrival
  if (stored.mode === 'single' || stored.mode === 'compare') form.mode = stored.mode
  const faults = stored.faults as Record<string, unknown> | undefined
  for (const kind of FAULT_KINDS) {
    const text = faults?.[kind]
    if (typeof text === 'string') form.faults[kind] = text
  }
  const policyB = stored.policyB as Record<string, unknown> | undefined
  for (const field of Object.keys(form.policyB) as (keyof StressFormDraft['policyB'])[]) {
    const text = policyB?.[field]
    if (typeof text === 'string') form.policyB[field] = text
  }
  return form
}

export function readStressDesign(storage: PreferenceStorage | null): StressFormDraft | null {
  return readJson(storage, STRESS_STORAGE_KEYS.design, parseStressDesign)
}

export function writeStressDesign(storage: PreferenceStorage | null, form: StressFormDraft): void {
  writeJson(storage, STRESS_STORAGE_KEYS.design, form)
}

/** The last finished report, checked like a saved report file; null when none or unreadable. */
export function readLastReport(storage: PreferenceStorage | null): StressReportFull | null {
  try {
    const text = storage?.getItem(STRESS_STORAGE_KEYS.lastReport) ?? null
    if (text === null) return null
    const parsed = parseStressReport(text)
    return parsed.ok ? parsed.report : null
  } catch {
    return null
  }
}

/**
 * Keeps a finished report for the next load. False when the browser refused
 * it (over its storage quota: some 40,000 runs): the report is then not kept.
 */
export function writeLastReport(
  storage: PreferenceStorage | null,
  report: StressReportFull,
): boolean {
  if (!storage) return false
  try {
    storage.setItem(STRESS_STORAGE_KEYS.lastReport, JSON.stringify(report))
    return true
  } catch {
    return false
  }
}
