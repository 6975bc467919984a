import { UsageError } from './usage'

/** Parses a whole-number option, with the option's name in the error. */
export function intOption(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined
  if (!/^-?\d+$/.test(raw.trim()))
    throw new UsageError(`--${name} must be a whole number, got "${raw}"`)
  return Number(raw)
}
