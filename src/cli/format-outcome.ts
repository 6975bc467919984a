import type { RunOutcome } from '../protocol/outcome'
import type { RunTrace } from '../protocol/trace'
import { describeTraceEvent } from '../protocol/trace'
import { escapeForTerminal } from './terminal-escape'

/** Continuation lines of script-controlled text start here, under the first line's text. */
const CONTINUATION = '    '

const ms = (n: number): string => `${n.toFixed(1)} ms`

/**
 * A readable summary of an outcome for a terminal. Everything the script
 * controls (value, error name and message, cause, console lines) is escaped
 * (see escapeForTerminal): it cannot move the cursor, clear the screen or
 * start a line that looks like Gatehouse's own.
 */
export function formatOutcome(outcome: RunOutcome): string {
  const lines: string[] = []
  if (outcome.status === 'ok') {
    lines.push(
      outcome.value === undefined
        ? 'ok (no value returned)'
        : `ok ${escapeForTerminal(JSON.stringify(outcome.value, null, 2) ?? String(outcome.value))}`,
    )
  } else if (outcome.error) {
    const e = outcome.error
    const where = e.line ? ` (line ${e.line}${e.column ? `, column ${e.column}` : ''})` : ''
    const named = e.name && e.name !== e.type ? `${e.name}: ` : ''
    const cause = e.cause ? ` [cause: ${e.cause}]` : ''
    lines.push(escapeForTerminal(`${e.type}: ${named}${e.message}${where}${cause}`, CONTINUATION))
  }
  const t = outcome.timing
  const route = outcome.route
    ? `route ${outcome.route}${outcome.routeReason ? ` (${escapeForTerminal(outcome.routeReason)})` : ''}`
    : ''
  const lane = outcome.lane === undefined ? '' : `lane ${outcome.lane}`
  lines.push(
    [route, lane, `queued ${ms(t.queuedMs)}, run ${ms(t.runMs)}, total ${ms(t.totalMs)}`]
      .filter(Boolean)
      .join(' · '),
  )
  if (outcome.logs.length > 0 || outcome.droppedLogs) {
    lines.push('console:')
    for (const log of outcome.logs)
      lines.push(`  [${log.level}] ${escapeForTerminal(log.text, CONTINUATION)}`)
    if (outcome.droppedLogs)
      lines.push(`  (${outcome.droppedLogs} more lines dropped: over the log budget)`)
  }
  if (outcome.trace) lines.push(...formatTrace(outcome.trace))
  return lines.join('\n')
}

/** The trace as a table of times and events; a console line's text is escaped like the logs. */
export function formatTrace(trace: RunTrace): string[] {
  const lines = [`trace (${trace.events.length} events):`]
  for (const event of trace.events)
    lines.push(
      `  ${event.at.toFixed(3).padStart(10)} ms  ${escapeForTerminal(describeTraceEvent(event), CONTINUATION)}`,
    )
  if (trace.dropped > 0) lines.push(`  (${trace.dropped} more events not recorded)`)
  return lines
}
