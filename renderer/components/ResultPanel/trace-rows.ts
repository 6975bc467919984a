import type { RunTrace, TraceEvent } from '../../../src/protocol/trace'
import { describeTraceEvent } from '../../../src/protocol/trace'

/** Where the loop was when an event happened: inside a macrotask, draining promise jobs, or between. */
export type TraceContext = 'macrotask' | 'microtasks' | 'loop'

export interface TraceRow {
  index: number
  event: TraceEvent
  /** The lane the row is drawn in. */
  context: TraceContext
  /** The row opens its context (a macrotask or a batch of jobs begins here). */
  opens: boolean
  text: string
  /** The script line it links to, when the engine knew it. */
  line?: number
}

/**
 * The trace as rows of the Trace tab, each placed in the lane it happened in:
 * the synchronous part and each fired timer are macrotasks, a drained batch
 * of promise jobs is the microtasks' lane, and what a task does (console
 * lines, timers it sets) stays in the lane of the task that did it.
 */
export function traceRows(trace: RunTrace): TraceRow[] {
  let context: TraceContext = 'loop'
  return trace.events.map((event, index) => {
    let opens = false
    switch (event.kind) {
      case 'sync-start':
      case 'timer-fired':
        context = 'macrotask'
        opens = true
        break
      case 'jobs':
        context = 'microtasks'
        opens = true
        break
      case 'limit':
      case 'settled':
        context = 'loop'
        break
      default:
        break
    }
    const row: TraceRow = { index, event, context, opens, text: describeTraceEvent(event, false) }
    if ((event.kind === 'timer-set' || event.kind === 'timer-fired') && event.line !== undefined)
      row.line = event.line
    // The synchronous part ends here: what follows is the loop's until the next task.
    if (event.kind === 'sync-end') context = 'loop'
    return row
  })
}

/** Counts for the Trace tab's summary line. */
export function traceCounts(trace: RunTrace): { timers: number; batches: number; logs: number } {
  let timers = 0
  let batches = 0
  let logs = 0
  for (const event of trace.events) {
    if (event.kind === 'timer-fired') timers++
    else if (event.kind === 'jobs') batches++
    else if (event.kind === 'log') logs++
  }
  return { timers, batches, logs }
}
