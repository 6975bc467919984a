import { z } from 'zod'

/** The bounds of every gate and limit setting (DESIGN.md, "Defaults"). */
export const SETTING_RANGES = {
  permits: { min: 1, max: 256 },
  waitTimeoutMs: { min: 0, max: 600_000 },
  lanes: { min: 1, max: 16 },
  runTimeoutMs: { min: 10, max: 600_000 },
  memoryMb: { min: 8, max: 1024 },
  stackKb: { min: 64, max: 4096 },
} as const

/**
 * Fixed bounds of a run. Every part of an outcome a script controls has one,
 * counted in UTF-8 bytes of its JSON text (so a control character counts the
 * 6 bytes of its escape); longer texts are cut and end with
 * "… [truncated: N more characters]" (docs/design.md, "Outcome").
 */
export const LIMITS = {
  maxCodeBytes: 65_535,
  maxInputBytes: 2 * 1024 * 1024,
  /** The value's JSON text; over it the run is a ResultError. */
  maxResultBytes: 5 * 1024 * 1024,
  maxLogEntries: 1000,
  /** All kept log entries together, each as its JSON `[level, at, text]`. */
  maxLogBytes: 256 * 1024,
  /** One log line's text. */
  maxLogLineBytes: 16 * 1024,
  maxErrorNameBytes: 256,
  maxErrorMessageBytes: 8 * 1024,
  /** An error's stack, after it is cut to 20 frames. */
  maxErrorStackBytes: 16 * 1024,
} as const

const int = (name: keyof typeof SETTING_RANGES) => {
  const { min, max } = SETTING_RANGES[name]
  return z
    .number({ error: `${name} must be a number` })
    .int({ error: `${name} must be a whole number` })
    .min(min, { error: `${name} must be at least ${min}` })
    .max(max, { error: `${name} must be at most ${max}` })
}

/** Limits a single run may ask for; each falls back to the gate's settings. */
export const runLimitsSchema = z
  .object({
    runTimeoutMs: int('runTimeoutMs'),
    memoryMb: int('memoryMb'),
    stackKb: int('stackKb'),
  })
  .partial()
  .strict()

export type RunLimits = z.infer<typeof runLimitsSchema>

export const settingsSchema = z
  .object({
    permits: int('permits'),
    waitTimeoutMs: int('waitTimeoutMs'),
    lanes: int('lanes'),
    runTimeoutMs: int('runTimeoutMs'),
    memoryMb: int('memoryMb'),
    stackKb: int('stackKb'),
  })
  .strict()

export type Settings = z.infer<typeof settingsSchema>

/**
 * Memory a lane needs beyond the per-run limit, for the engine's own heap and
 * stack: a lane's hard WASM cap is memoryMb + LANE_OVERHEAD_MB.
 */
export const LANE_OVERHEAD_MB = 32

/** The memory all lanes together may claim, and the machine's memory it was taken from. */
export interface MemoryBudget {
  budgetMb: number
  totalMb: number
}

/**
 * The budget rule: every lane can grow to its hard cap at once, so lanes x
 * (memoryMb + LANE_OVERHEAD_MB) must fit in half of the machine's memory,
 * leaving the other half to the system, the app and everything else running.
 */
export function memoryBudgetFor(totalBytes: number): MemoryBudget {
  const totalMb = Math.floor(totalBytes / (1024 * 1024))
  return { budgetMb: Math.floor(totalMb / 2), totalMb }
}

/** Why these settings do not fit the budget, with the numbers; null when they fit. */
export function memoryBudgetProblem(
  settings: Pick<Settings, 'lanes' | 'memoryMb'>,
  budget: MemoryBudget,
): string | null {
  const perLaneMb = settings.memoryMb + LANE_OVERHEAD_MB
  const neededMb = settings.lanes * perLaneMb
  if (neededMb <= budget.budgetMb) return null
  const fitting = Math.floor(budget.budgetMb / perLaneMb)
  const advice =
    fitting >= 1
      ? `use at most ${fitting} lane${fitting === 1 ? '' : 's'} at memoryMb ${settings.memoryMb}, or a lower memoryMb`
      : 'lower memoryMb'
  return `${settings.lanes} lane${settings.lanes === 1 ? '' : 's'} x (memoryMb ${settings.memoryMb} + ${LANE_OVERHEAD_MB} MB lane overhead) = ${neededMb} MB, more than the memory budget of ${budget.budgetMb} MB (half of this machine's ${budget.totalMb} MB): ${advice}`
}

/** Defaults from DESIGN.md; `lanes` is the machine's core count, clamped to its range. */
export function defaultSettings(cores = 4): Settings {
  return {
    permits: 4,
    waitTimeoutMs: 10_000,
    lanes: Math.min(SETTING_RANGES.lanes.max, Math.max(SETTING_RANGES.lanes.min, cores)),
    runTimeoutMs: 5_000,
    memoryMb: 64,
    stackKb: 1024,
  }
}
