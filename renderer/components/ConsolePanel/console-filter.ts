import type { LogLevel } from '../../../src/protocol/outcome'
import type { ConsoleEntry } from '../../store/slices/run/types'
import type { ConsoleFilter } from '../../store/slices/ui/types'

export const LOG_LEVELS: readonly LogLevel[] = ['log', 'info', 'warn', 'error', 'debug']

export function isFilterActive(filter: ConsoleFilter): boolean {
  return filter.text.trim() !== '' || LOG_LEVELS.some((level) => !filter.levels[level])
}

/**
 * The entries the filter lets through: lines of a shown level containing the
 * text (ignoring case), and the header of every run that still has a line
 * shown, or of every run when nothing is filtered.
 */
export function filterConsoleEntries(
  entries: readonly ConsoleEntry[],
  filter: ConsoleFilter,
): ConsoleEntry[] {
  if (!isFilterActive(filter)) return entries.slice()
  const needle = filter.text.trim().toLowerCase()
  const matches = (entry: Extract<ConsoleEntry, { kind: 'log' }>) =>
    filter.levels[entry.level] && (needle === '' || entry.text.toLowerCase().includes(needle))
  const out: ConsoleEntry[] = []
  let header: ConsoleEntry | null = null
  for (const entry of entries) {
    if (entry.kind === 'run') {
      header = entry
      continue
    }
    if (!matches(entry)) continue
    if (header) {
      out.push(header)
      header = null
    }
    out.push(entry)
  }
  return out
}

/** Lines per level, for the level toggles. */
export function countByLevel(entries: readonly ConsoleEntry[]): Record<LogLevel, number> {
  const counts: Record<LogLevel, number> = { log: 0, info: 0, warn: 0, error: 0, debug: 0 }
  for (const entry of entries) if (entry.kind === 'log') counts[entry.level]++
  return counts
}
