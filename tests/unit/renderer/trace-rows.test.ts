import { describe, expect, it } from 'vitest'
import type { RunTrace } from '../../../src/protocol/trace'
import { traceCounts, traceRows } from '../../../renderer/components/ResultPanel/trace-rows'

const trace: RunTrace = {
  dropped: 0,
  events: [
    { at: 0, kind: 'sync-start' },
    { at: 1, kind: 'timer-set', timer: 1, delayMs: 0, line: 2 },
    { at: 2, kind: 'log', level: 'log', text: 'in sync' },
    { at: 3, kind: 'sync-end' },
    { at: 4, kind: 'jobs', count: 2, ms: 0.5 },
    { at: 5, kind: 'log', level: 'warn', text: 'in a job' },
    { at: 6, kind: 'timer-fired', timer: 1, line: 2 },
    { at: 7, kind: 'log', level: 'log', text: 'in the timer' },
    { at: 8, kind: 'settled', status: 'ok' },
  ],
}

describe('the Trace tab rows', () => {
  it('puts each event in the lane it happened in, and links timers to their lines', () => {
    const rows = traceRows(trace)
    expect(rows.map((row) => [row.event.kind, row.context, row.opens])).toEqual([
      ['sync-start', 'macrotask', true],
      ['timer-set', 'macrotask', false],
      ['log', 'macrotask', false],
      ['sync-end', 'macrotask', false],
      ['jobs', 'microtasks', true],
      ['log', 'microtasks', false],
      ['timer-fired', 'macrotask', true],
      ['log', 'macrotask', false],
      ['settled', 'loop', false],
    ])
    expect(rows[1]).toMatchObject({ line: 2, text: 'timer #1 set: 0 ms' })
    expect(rows[6]).toMatchObject({ line: 2, text: 'timer #1 fires' })
    expect(rows[5]?.text).toBe('[warn] in a job')
    expect(traceCounts(trace)).toEqual({ timers: 1, batches: 1, logs: 3 })
  })
})
