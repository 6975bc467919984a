import { readdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { GatehouseApi } from '../../../src/protocol/api'
import type { RunOutcome } from '../../../src/protocol/outcome'
import { EventLog } from '../../../renderer/event-log/event-log'
import {
  FAULTS_TOPIC,
  GATES_TOPIC,
  LESSONS,
  LESSON_GROUPS,
  findLesson,
  lessonBody,
} from '../../../renderer/lessons/catalog'
import { lessonForError } from '../../../renderer/lessons/error-lessons'
import { describeOutcome, lessonVerdict, outcomeMeets } from '../../../renderer/lessons/expectation'
import { comparisonMeets, isSound } from '../../../renderer/lessons/gate-verdicts'
import { createAppStore } from '../../../renderer/store'

const outcome = (overrides: Partial<RunOutcome>): RunOutcome =>
  ({
    id: 'run-1',
    status: 'ok',
    logs: [],
    timing: { queuedMs: 0, runMs: 1, totalMs: 1 },
    ...overrides,
  }) as RunOutcome

describe('the lessons in the window', () => {
  it('has every lesson file, parsed, in a topic, with the code after its header', () => {
    const files = readdirSync(resolve(__dirname, '../../../lessons')).filter((f) =>
      f.endsWith('.js'),
    )
    expect(LESSONS.map((lesson) => `${lesson.slug}.js`)).toEqual(files.sort())
    expect(LESSONS.length).toBeGreaterThanOrEqual(16)
    const groups = new Set(LESSON_GROUPS.map((group) => group.id))
    for (const lesson of LESSONS) {
      expect(groups.has(lesson.group)).toBe(true)
      expect(lesson.body.startsWith('//')).toBe(false)
      expect(lesson.body.length).toBeGreaterThan(0)
    }
    expect(findLesson('01-infinite-loop')).toMatchObject({
      group: 'limits',
      expect: 'TimeoutError',
      cause: 'interrupt',
      limits: { runTimeoutMs: 300 },
    })
    expect(findLesson('13-isolation')).toMatchObject({ group: 'isolation', runs: 2 })
    expect(findLesson('16-escape-keyword-blacklist')?.group).toBe('escapes')
    expect(findLesson('17-forged-engine-error')?.group).toBe('escapes')
    expect(findLesson('18-microtasks-before-timers')).toMatchObject({
      group: 'event-loop',
      trace: true,
    })
    expect(findLesson('01-infinite-loop')?.trace).toBe(false)
    expect(lessonBody('// a\n// b\nreturn 1\n')).toEqual({ body: 'return 1', startLine: 3 })
  })

  it('judges outcomes against the expectation, cause included, on every run', () => {
    const loop = { expect: 'TimeoutError' as const, cause: 'interrupt', runs: 1 }
    const interrupted = outcome({
      status: 'error',
      error: { type: 'TimeoutError', message: 'timed out', cause: 'interrupt' },
    })
    const watchdog = outcome({
      status: 'error',
      error: { type: 'TimeoutError', message: 'timed out', cause: 'watchdog' },
    })
    expect(outcomeMeets(loop, interrupted)).toBe(true)
    expect(outcomeMeets(loop, watchdog)).toBe(false)
    expect(outcomeMeets(loop, outcome({}))).toBe(false)
    expect(describeOutcome(watchdog)).toBe('TimeoutError (watchdog)')
    expect(
      describeOutcome(
        outcome({
          status: 'error',
          error: { type: 'ScriptError', name: 'RangeError', message: 'x' },
        }),
      ),
    ).toBe('ScriptError (RangeError)')

    const twice = { expect: 'ok' as const, runs: 2 }
    expect(lessonVerdict(twice, [outcome({})])).toBe('pending')
    expect(lessonVerdict(twice, [outcome({}), null])).toBe('pending')
    expect(lessonVerdict(twice, [outcome({}), outcome({})])).toBe('met')
    expect(lessonVerdict(twice, [outcome({}), interrupted])).toBe('not-met')
  })

  it('links each error type to the lesson that explains it', () => {
    const link = (type: string, cause?: string, message = '') =>
      lessonForError({ type, message, ...(cause ? { cause } : {}) } as never)
    expect(link('TimeoutError', 'interrupt')).toBe('01-infinite-loop')
    expect(link('TimeoutError', 'watchdog')).toBe('02-stuck-builtin')
    expect(link('MemoryLimitError')).toBe('03-memory-array')
    expect(link('StackOverflowError')).toBe('06-stack-recursion')
    expect(link('ResultError')).toBe('12-result-too-large')
    expect(link('PanicError', 'lane-exit')).toBe(FAULTS_TOPIC)
    expect(link('ConcurrencyError')).toBe(GATES_TOPIC)
    expect(link('ScriptError', undefined, 'The returned promise can never settle')).toBe(
      '09-never-settles',
    )
    expect(link('ScriptError', undefined, 'x is not defined')).toBeNull()
    expect(link('SyntaxError')).toBeNull()
    for (const slug of [
      '01-infinite-loop',
      '02-stuck-builtin',
      '03-memory-array',
      '06-stack-recursion',
      '09-never-settles',
      '12-result-too-large',
    ])
      expect(findLesson(slug)).toBeDefined()
  })

  it('a gate is sound with nothing stuck, no permit held after and never too many running', () => {
    const base = {
      gate: 'g',
      usage: 'u',
      completed: 52,
      failed: 8,
      timedOut: 0,
      stuck: 0,
      peakRunning: 4,
      permits: 4,
      inUseAfter: 0,
      verdict: 'sound',
    }
    expect(isSound(base)).toBe(true)
    expect(isSound({ ...base, inUseAfter: 4 })).toBe(false)
    expect(isSound({ ...base, peakRunning: 11, inUseAfter: -8 })).toBe(false)
    expect(isSound({ ...base, stuck: 32 })).toBe(false)
    expect(comparisonMeets([base, { ...base, inUseAfter: 4 }])).toBe(true)
    expect(comparisonMeets([base, base])).toBe(false)
  })
})

describe('the lessons slice', () => {
  it('runs a lesson as many times as it says, one after the other, with its limits', async () => {
    const order: string[] = []
    const run = vi.fn(async (request: { id: string }) => {
      order.push(request.id)
      return outcome({ id: request.id, value: { clean: true } })
    })
    const store = createAppStore(
      {
        api: { run } as unknown as GatehouseApi,
        now: () => 0,
        storage: null,
        eventLog: new EventLog(10),
      },
      { status: 'open' },
    )
    await store
      .getState()
      .runLesson({ slug: '13-isolation', code: 'return 1', limits: { runTimeoutMs: 300 }, runs: 2 })
    expect(run).toHaveBeenCalledTimes(2)
    expect(run.mock.calls[0]?.[0]).toMatchObject({
      code: 'return 1',
      language: 'js',
      limits: { runTimeoutMs: 300 },
    })
    const attempt = store.getState().lessonAttempts['13-isolation']
    expect(attempt?.status).toBe('done')
    expect(attempt?.runs.map((r) => r.runId)).toEqual(order)
    expect(attempt?.runs.every((r) => r.outcome?.status === 'ok')).toBe(true)

    store.getState().openLesson('02-stuck-builtin')
    expect(store.getState().view).toBe('lessons')
    expect(store.getState().selectedLesson).toBe('02-stuck-builtin')
  })
})
