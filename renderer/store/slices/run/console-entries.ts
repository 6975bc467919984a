import type { LogEntry, RunLogChunk, RunOutcome } from '../../../../src/protocol/outcome'
import type { ConsoleEntry } from './types'

/** The Console keeps this many lines across runs; older ones go first. */
export const MAX_CONSOLE_ENTRIES = 5000

type Appended = { entries: ConsoleEntry[]; cut: number; nextKey: number }

function capped(all: ConsoleEntry[], max: number): { entries: ConsoleEntry[]; cut: number } {
  const cut = Math.max(0, all.length - max)
  return { entries: cut > 0 ? all.slice(cut) : all, cut }
}

function logLine(runId: string, log: LogEntry, key: number): ConsoleEntry {
  const line: ConsoleEntry = {
    kind: 'log',
    key,
    runId,
    level: log.level,
    text: log.text,
    at: log.at,
  }
  if (log.spans) line.spans = log.spans
  return line
}

/**
 * Appends a finished run to the console: a header line with its status, then
 * its lines. When the run streamed lines while it ran, its whole log replaces
 * them (the lines keep their keys, so a tree opened meanwhile stays open) and
 * the run's block moves to the end. Returns the new entries, how many old ones
 * were cut to stay under `max`, and the next free key.
 */
export function appendRunToConsole(
  entries: readonly ConsoleEntry[],
  outcome: RunOutcome,
  at: number,
  firstKey: number,
  max = MAX_CONSOLE_ENTRIES,
  streamed = false,
): Appended {
  let key = firstKey
  let kept: readonly ConsoleEntry[] = entries
  const reuse: number[] = []
  let headerKey: number | undefined
  if (streamed) {
    kept = entries.filter((entry) => {
      if (entry.runId !== outcome.id) return true
      if (entry.kind === 'run') headerKey = entry.key
      else reuse.push(entry.key)
      return false
    })
  }
  const header: ConsoleEntry = {
    kind: 'run',
    key: headerKey ?? key++,
    runId: outcome.id,
    at,
    status: outcome.status,
    totalMs: outcome.timing.totalMs,
    lineCount: outcome.logs.length,
    droppedLogs: outcome.droppedLogs ?? 0,
  }
  if (outcome.error) header.errorType = outcome.error.type
  const added: ConsoleEntry[] = [header]
  outcome.logs.forEach((log, index) => added.push(logLine(outcome.id, log, reuse[index] ?? key++)))
  return { ...capped(kept.concat(added), max), nextKey: key }
}

/**
 * Appends the lines a run still running streamed, under a 'running' header
 * made with its first lines. `shown` is how many of the run's lines the
 * console holds already: a line is never added twice. Lines a slow
 * connection missed (a chunk that starts past `shown`) come with the outcome.
 */
export function appendLiveLines(
  entries: readonly ConsoleEntry[],
  chunk: RunLogChunk,
  shown: number,
  at: number,
  firstKey: number,
  max = MAX_CONSOLE_ENTRIES,
): Appended & { shown: number } {
  let key = firstKey
  const fresh = chunk.entries.slice(Math.max(0, shown - chunk.from))
  const lineCount = chunk.from + chunk.entries.length
  if (fresh.length === 0) return { entries: [...entries], cut: 0, nextKey: key, shown }
  const all = [...entries]
  let headerAt = -1
  for (let i = all.length - 1; i >= 0; i--) {
    const entry = all[i] as ConsoleEntry
    if (entry.kind === 'run' && entry.runId === chunk.runId) {
      headerAt = i
      break
    }
  }
  const header = headerAt === -1 ? undefined : all[headerAt]
  if (header?.kind === 'run') all[headerAt] = { ...header, lineCount, droppedLogs: chunk.dropped }
  else
    all.push({
      kind: 'run',
      key: key++,
      runId: chunk.runId,
      // When its first line shown was written, not when the window got it.
      at: fresh[0]?.at ?? at,
      status: 'running',
      totalMs: 0,
      lineCount,
      droppedLogs: chunk.dropped,
    })
  for (const log of fresh) all.push(logLine(chunk.runId, log, key++))
  return { ...capped(all, max), nextKey: key, shown: lineCount }
}
