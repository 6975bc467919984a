import { describe, expect, it } from 'vitest'
import type { TelemetryEvent } from '../../../src/protocol/telemetry'
import { describeEvent } from '../../../renderer/event-log/describe-event'
import { alertKind, eventCategory } from '../../../renderer/event-log/event-kinds'
import { EventLog } from '../../../renderer/event-log/event-log'
import { eventStream, nth, okRun } from './events'

describe('event categories', () => {
  const make = eventStream()
  it('puts timeouts, panics and rejections in their filters and leaves routine traffic out', () => {
    expect(eventCategory(make({ kind: 'run.submitted', runId: 'a' }))).toBeNull()
    expect(
      eventCategory(
        make({
          kind: 'run.settled',
          runId: 'a',
          status: 'error',
          errorType: 'TimeoutError',
          cause: 'interrupt',
          totalMs: 1,
        }),
      ),
    ).toBe('timeouts')
    expect(
      eventCategory(
        make({
          kind: 'run.settled',
          runId: 'a',
          status: 'error',
          errorType: 'ConcurrencyError',
          totalMs: 1,
        }),
      ),
    ).toBe('rejections')
    expect(
      eventCategory(
        make({
          kind: 'run.settled',
          runId: 'a',
          status: 'error',
          errorType: 'ScriptError',
          totalMs: 1,
        }),
      ),
    ).toBeNull()
    // One definition of a panic (src/protocol/panic.ts): a run that ended with PanicError.
    expect(
      eventCategory(
        make({
          kind: 'run.settled',
          runId: 'a',
          status: 'error',
          errorType: 'PanicError',
          cause: 'lane-exit',
          totalMs: 1,
        }),
      ),
    ).toBe('panics')
    // The recovery and the replaced lane around it are routine lines, not more panics.
    expect(
      eventCategory(make({ kind: 'panic.recovered', cause: 'lane-abort', lane: 1, runIds: ['a'] })),
    ).toBeNull()
    expect(
      eventCategory(make({ kind: 'lane.recycled', lane: 1, cause: 'thread replaced: watchdog' })),
    ).toBeNull()
    // A memory bomb is not a panic, even though its lane is replaced.
    expect(
      eventCategory(
        make({
          kind: 'run.settled',
          runId: 'm',
          status: 'error',
          errorType: 'MemoryLimitError',
          totalMs: 1,
        }),
      ),
    ).toBeNull()
    expect(
      eventCategory(make({ kind: 'lane.recycled', lane: 1, cause: 'runtime recycled: jobs left' })),
    ).toBeNull()
  })

  it('raises an alert for a timeout or a panicked run, not for a recovery or a lane recycle', () => {
    expect(
      alertKind(
        make({
          kind: 'run.settled',
          runId: 'a',
          status: 'error',
          errorType: 'TimeoutError',
          totalMs: 1,
        }),
      ),
    ).toBe('timeout')
    expect(
      alertKind(
        make({
          kind: 'run.settled',
          runId: 'b',
          status: 'error',
          errorType: 'PanicError',
          cause: 'host-exit',
          totalMs: 1,
        }),
      ),
    ).toBe('panic')
    expect(alertKind(make({ kind: 'panic.recovered', cause: 'host-exit', runIds: [] }))).toBeNull()
    expect(
      alertKind(make({ kind: 'lane.recycled', lane: 0, cause: 'thread replaced: watchdog' })),
    ).toBeNull()
  })

  it('describes events in words, with a tone that marks the notable ones', () => {
    const settled = describeEvent(
      make({
        kind: 'run.settled',
        runId: 'r1',
        status: 'error',
        errorType: 'TimeoutError',
        cause: 'watchdog',
        totalMs: 340,
      }),
    )
    expect(settled).toEqual({
      label: 'settled',
      text: 'r1 TimeoutError (watchdog) after 340 ms',
      tone: 'timeout',
    })
    expect(
      describeEvent(make({ kind: 'lane.recycled', lane: 1, cause: 'thread replaced: watchdog' })),
    ).toMatchObject({
      label: 'lane replaced',
      tone: 'neutral',
    })
    expect(describeEvent(make({ kind: 'gate.resized', permits: 1 })).text).toBe(
      'the gate now has 1 permit',
    )
  })

  it("describes other features' events (the stress lab's) and unknown kinds from their fields", () => {
    const other = (fields: Record<string, unknown>) =>
      ({ seq: 1, at: 1, ...fields }) as unknown as TelemetryEvent
    expect(
      describeEvent(
        other({
          kind: 'stress.progress',
          stressId: 's1',
          state: 'running',
          total: 100,
          settled: 40,
        }),
      ),
    ).toEqual({ label: 'stress', text: 's1 running: 40 of 100 settled', tone: 'neutral' })
    expect(
      describeEvent(
        other({ kind: 'stress.finished', stressId: 's1', state: 'done', passed: false }),
      ),
    ).toMatchObject({ text: 's1 done, audit failed', tone: 'error' })
    expect(describeEvent(other({ kind: 'future.thing' }))).toEqual({
      label: 'future thing',
      text: 'future.thing',
      tone: 'neutral',
    })
    expect(eventCategory(other({ kind: 'future.thing' }))).toBeNull()
  })
})

describe('EventLog', () => {
  it('keeps every filter in its own ring and counts what it has seen', () => {
    const make = eventStream()
    const log = new EventLog(4)
    log.append(okRun(make, 'a'))
    log.append([
      make({
        kind: 'run.settled',
        runId: 'b',
        status: 'error',
        errorType: 'TimeoutError',
        cause: 'interrupt',
        totalMs: 9,
      }),
    ])
    expect(log.view('all').length).toBe(4)
    expect(log.view('all').evicted).toBe(2)
    expect(log.view('timeouts').length).toBe(1)
    expect(log.view('panics').length).toBe(0)
    expect(log.totals()).toEqual({ all: 6, timeouts: 1, panics: 0, rejections: 0 })
  })

  it('notifies once per appended batch and bumps its version', () => {
    const make = eventStream()
    const log = new EventLog()
    let calls = 0
    const unsubscribe = log.subscribe(() => calls++)
    log.append(okRun(make, 'a'))
    log.append([])
    expect(calls).toBe(1)
    expect(log.version).toBe(1)
    unsubscribe()
    log.append(okRun(make, 'b'))
    expect(calls).toBe(1)
    log.clear()
    expect(log.view('all').length).toBe(0)
    expect(log.totals().all).toBe(0)
  })

  it('finds an event by its sequence number in any filter', () => {
    const make = eventStream()
    const log = new EventLog()
    const events = okRun(make, 'a')
    log.append(events)
    const settled = nth(events, 4)
    expect(log.get(settled.seq)).toBe(settled)
    expect(log.indexOf('all', settled.seq)).toBe(4)
    expect(log.indexOf('timeouts', settled.seq)).toBe(-1)
    expect(log.get(999)).toBeUndefined()
    expect(log.explain(999)).toBeNull()
  })

  it('takes 100,000 events in batches quickly', () => {
    const make = eventStream()
    const log = new EventLog()
    const started = performance.now()
    for (let batch = 0; batch < 100; batch++) {
      const events = []
      for (let i = 0; i < 1000; i++)
        events.push(make({ kind: 'run.submitted', runId: `r${batch}-${i}` }))
      log.append(events)
    }
    expect(performance.now() - started).toBeLessThan(1000)
    expect(log.view('all').length).toBe(100_000)
  })
})
