import type { RunOutcome } from '../../../../src/protocol/outcome'
import type { ConsoleEntry } from './types'

/** The Console keeps this many lines across runs; older ones go first. */
export const MAX_CONSOLE_ENTRIES = 5000

/**
 * Appends a finished run to the console: a header line with its status, then
 * its lines. Returns the new entries, how many old ones were cut to stay under
 * `max`, and the next free key.
 */
export function appendRunToConsole(
  entries: readonly ConsoleEntry[],
  outcome: RunOutcome,
  at: number,
  firstKey: number,
  max = MAX_CONSOLE_ENTRIES,
): { entries: ConsoleEntry[]; cut: number; nextKey: number } {
  let key = firstKey
  const header: ConsoleEntry = {
    kind: 'run',
    key: key++,
    runId: outcome.id,
    at,
    status: outcome.status,
    totalMs: outcome.timing.totalMs,
    lineCount: outcome.logs.length,
    droppedLogs: outcome.droppedLogs ?? 0,
  }
  if (outcome.error) header.errorType = outcome.error.type
  const added: ConsoleEntry[] = [header]
  for (const log of outcome.logs) {
    added.push({
      kind: 'log',
      key: key++,
      runId: outcome.id,
      level: log.level,
      text: log.text,
      at: log.at,
    })
  }
  const all = entries.concat(added)
  const cut = Math.max(0, all.length - max)
  return { entries: cut > 0 ? all.slice(cut) : all, cut, nextKey: key }
}
