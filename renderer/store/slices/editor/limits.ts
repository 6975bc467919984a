import type { RunLimits, Settings } from '../../../../src/protocol/settings'
import { SETTING_RANGES } from '../../../../src/protocol/settings'

/** The limits a single run may set; each falls back to the gate's setting. */
export const LIMIT_NAMES = ['runTimeoutMs', 'memoryMb', 'stackKb'] as const
export type LimitName = (typeof LIMIT_NAMES)[number]

/** The limit fields as typed: '' means "the gate's setting". */
export type LimitsDraft = Record<LimitName, string>

export const EMPTY_LIMITS: LimitsDraft = { runTimeoutMs: '', memoryMb: '', stackKb: '' }

export const LIMIT_LABELS: Record<LimitName, { label: string; unit: string }> = {
  runTimeoutMs: { label: 'Run timeout', unit: 'ms' },
  memoryMb: { label: 'Memory', unit: 'MB' },
  stackKb: { label: 'Stack', unit: 'KB' },
}

export interface ParsedLimits {
  limits: RunLimits
  errors: Partial<Record<LimitName, string>>
}

/** The most a run may ask for: its range, and for memory the lanes' cap. */
export function limitMaximum(name: LimitName, settings: Settings | null): number {
  if (name === 'memoryMb' && settings) return settings.memoryMb
  return SETTING_RANGES[name].max
}

/** Reads the typed limits; what is empty is left to the gate, what is wrong says why. */
export function parseLimits(draft: LimitsDraft, settings: Settings | null): ParsedLimits {
  const limits: RunLimits = {}
  const errors: ParsedLimits['errors'] = {}
  for (const name of LIMIT_NAMES) {
    const text = draft[name].trim()
    if (text === '') continue
    const value = Number(text)
    const { min } = SETTING_RANGES[name]
    const max = limitMaximum(name, settings)
    const { label, unit } = LIMIT_LABELS[name]
    if (!Number.isInteger(value)) errors[name] = `${label} must be a whole number of ${unit}`
    else if (value < min) errors[name] = `${label} must be at least ${min} ${unit}`
    else if (value > max)
      errors[name] =
        name === 'memoryMb' && settings && max < SETTING_RANGES.memoryMb.max
          ? `${label} can be at most ${max} ${unit}, the lanes' cap (raise memoryMb in Settings)`
          : `${label} must be at most ${max} ${unit}`
    else limits[name] = value
  }
  return { limits, errors }
}

/** The limit a run gets: the typed one, else the gate's setting (null until settings load). */
export function effectiveLimit(
  name: LimitName,
  draft: LimitsDraft,
  settings: Settings | null,
): number | null {
  const typed = Number(draft[name].trim())
  if (draft[name].trim() !== '' && Number.isInteger(typed)) return typed
  return settings ? settings[name] : null
}
