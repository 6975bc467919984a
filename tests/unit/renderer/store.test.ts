import { describe, expect, it, vi } from 'vitest'
import type { GatehouseApi } from '../../../src/protocol/api'
import type { RunOutcome } from '../../../src/protocol/outcome'
import type { TelemetryEvent } from '../../../src/protocol/telemetry'
import { EVENT_LOG_CAPACITY, EventLog } from '../../../renderer/event-log/event-log'
import { findExample } from '../../../renderer/examples/catalog'
import type { PreferenceStorage } from '../../../renderer/persistence/storage'
import { createAppStore } from '../../../renderer/store'
import type { StoreDeps } from '../../../renderer/store'
import type { RunnableLesson } from '../../../renderer/store/slices/lessons/types'
import {
  selectExampleRequirement,
  selectLimitsSummary,
} from '../../../renderer/store/slices/editor/selectors'
import { runPhase } from '../../../renderer/store/slices/gate/run-phase'
import {
  MAX_RUNS_IN_FLIGHT,
  selectRunBlockedReason,
  selectSubmission,
} from '../../../renderer/store/slices/run/selectors'
import { eventStream, nth } from './events'
import { SETTINGS, gateSnapshot, unusedMethods } from './fakes'

function outcome(id: string, overrides: Partial<RunOutcome> = {}): RunOutcome {
  return {
    id,
    status: 'ok',
    value: 42,
    logs: [{ level: 'log', text: 'hello', at: 5 }],
    route: 'pool',
    routeReason: 'synchronous',
    lane: 0,
    timing: { queuedMs: 1, runMs: 2, totalMs: 3 },
    ...overrides,
  } as RunOutcome
}

/** A fake core: runs wait until the test settles them. */
function fakeApi() {
  const pending = new Map<string, (value: RunOutcome) => void>()
  let settings = { ...SETTINGS }
  const api: GatehouseApi = {
    ...unusedMethods(),
    run: vi.fn((request) => new Promise<RunOutcome>((resolve) => pending.set(request.id, resolve))),
    stop: vi.fn(async ({ id }) => {
      pending.get(id)?.(
        outcome(id, {
          status: 'error',
          value: undefined,
          error: { type: 'CancelledError', message: 'stopped' },
        }),
      )
      return { stopped: true }
    }),
    snapshot: vi.fn(async () => gateSnapshot()),
    getSettings: vi.fn(async () => settings),
    updateSettings: vi.fn(async (changes) => {
      settings = { ...settings, ...changes }
      return settings
    }),
    resetStats: vi.fn(async () => ({ reset: true as const })),
    onTelemetry: () => () => undefined,
  }
  const settle = (id: string, value: RunOutcome = outcome(id)) => pending.get(id)?.(value)
  return { api, settle }
}

function memoryStorage(
  initial: Record<string, string> = {},
): PreferenceStorage & { items: Record<string, string> } {
  const items = { ...initial }
  return {
    items,
    getItem: (key) => items[key] ?? null,
    setItem: (key, value) => void (items[key] = value),
  }
}

function makeStore(overrides: Partial<StoreDeps> = {}) {
  const { api, settle } = fakeApi()
  let clock = 1000
  const deps: StoreDeps = {
    api,
    now: () => clock,
    storage: memoryStorage(),
    eventLog: new EventLog(),
    ...overrides,
  }
  const store = createAppStore(deps, { status: 'open' })
  return { store, api: deps.api, settle, deps, tick: (ms: number) => (clock += ms) }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('the editor slice', () => {
  it('validates the input JSON as it is typed', () => {
    const { store } = makeStore()
    store.getState().setInputText('{"a": ')
    expect(store.getState().inputError).toMatch(/^Input is not valid JSON/)
    expect(selectRunBlockedReason(store.getState())).toBe('Fix the input JSON first')
    store.getState().setInputText('')
    expect(store.getState().inputError).toBeNull()
  })

  it('opens an example in a new tab: code, input, language and limits, clean until edited', () => {
    const { store } = makeStore()
    const example = findExample('stuck-builtin')
    if (!example) throw new Error('missing example')
    store.getState().setCode('my own script')
    const first = store.getState().activeTabId
    store.getState().openExample(example)
    const state = store.getState()
    expect(state.tabs).toHaveLength(2)
    expect(state.activeTabId).not.toBe(first)
    expect(state.fileDirty).toBe(false)
    expect(state.tabs[0]?.parked?.code).toBe('my own script')
    expect(state.code).toBe(example.code)
    expect(state.language).toBe('js')
    expect(state.limitsDraft).toEqual({ runTimeoutMs: '300', memoryMb: '', stackKb: '' })
    expect(state.loadedExampleId).toBe('stuck-builtin')
    state.setCode(`${example.code}\n// edited`)
    expect(store.getState().loadedExampleId).toBeNull()
  })

  it("says what an example needs from the gate's settings until they have it", async () => {
    const { store } = makeStore()
    await store.getState().loadSettings()
    store.getState().openExample(findExample('big-allocation') ?? (undefined as never))
    expect(selectExampleRequirement(store.getState())).toMatchObject({ apply: { memoryMb: 256 } })
    await store.getState().saveSettings({ memoryMb: 256 })
    expect(selectExampleRequirement(store.getState())).toBeNull()
  })

  it('checks per-run limits against their ranges and the lanes’ memory cap', async () => {
    const { store } = makeStore()
    await store.getState().loadSettings()
    expect(selectLimitsSummary(store.getState())).toBe('5 s · 64 MB · 1024 KB')
    store.getState().setLimit('memoryMb', '128')
    expect(selectRunBlockedReason(store.getState())).toMatch(/Memory can be at most 64 MB/)
    store.getState().setLimit('memoryMb', '32')
    store.getState().setLimit('runTimeoutMs', '250')
    expect(selectRunBlockedReason(store.getState())).toBeNull()
    expect(selectLimitsSummary(store.getState())).toBe('250 ms · 32 MB · 1024 KB')
    expect(selectSubmission(store.getState()).limits).toEqual({ runTimeoutMs: 250, memoryMb: 32 })
    store.getState().resetLimits()
    expect(selectSubmission(store.getState()).limits).toBeUndefined()
  })

  it('asks for a trace only while the Trace toggle is on, and shows it when it comes', async () => {
    const { store, api, settle } = makeStore()
    expect(store.getState().traceRuns).toBe(false)
    expect('trace' in selectSubmission(store.getState())).toBe(false)
    store.getState().setTraceRuns(true)
    expect(selectSubmission(store.getState()).trace).toBe(true)
    const run = store.getState().startRun()
    expect(store.getState().resultTab).toBe('trace')
    const id = vi.mocked(api.run).mock.calls[0]?.[0].id as string
    expect(vi.mocked(api.run).mock.calls[0]?.[0].trace).toBe(true)
    settle(id)
    await run
    store.getState().setTraceRuns(false)
    expect('trace' in selectSubmission(store.getState())).toBe(false)
  })

  it('counts each reveal request, so clicking the same location twice moves the cursor twice', () => {
    const { store } = makeStore()
    store.getState().revealInEditor({ line: 3, column: 7 })
    store.getState().revealInEditor({ line: 3, column: 7 })
    expect(store.getState().revealRequest).toEqual({ line: 3, column: 7, seq: 2 })
  })
})

describe('the run slice', () => {
  it('submits code, input and language, and shows the newest run', async () => {
    const { store, api, settle } = makeStore()
    store.getState().setLanguage('ts')
    const first = store.getState().startRun()
    const second = store.getState().startRun()
    const [a, b] = [
      nth(vi.mocked(api.run).mock.calls, 0)[0],
      nth(vi.mocked(api.run).mock.calls, 1)[0],
    ]
    expect(a).toMatchObject({
      code: store.getState().code,
      language: 'ts',
      input: store.getState().inputText,
    })
    expect(a.id).not.toBe(b.id)
    expect(store.getState().shownRunId).toBe(b.id)
    expect(Object.keys(store.getState().inFlight)).toEqual([a.id, b.id])

    settle(b.id)
    await second
    expect(store.getState().lastOutcome?.id).toBe(b.id)
    // An older run settling later does not replace what the Result shows.
    settle(a.id, outcome(a.id, { value: 'old' }))
    await first
    expect(store.getState().lastOutcome?.id).toBe(b.id)
    expect(store.getState().inFlight).toEqual({})
    expect(store.getState().consoleEntries.map((entry) => [entry.kind, entry.runId])).toEqual([
      ['run', b.id],
      ['log', b.id],
      ['run', a.id],
      ['log', a.id],
    ])
  })

  it('stops every run in flight', async () => {
    const { store, api } = makeStore()
    const runs = [store.getState().startRun(), store.getState().startRun()]
    await store.getState().stopRuns()
    await Promise.all(runs)
    expect(api.stop).toHaveBeenCalledTimes(2)
    expect(store.getState().lastOutcome?.error?.type).toBe('CancelledError')
  })

  it('keeps a failed request apart from an outcome', async () => {
    const { store, api } = makeStore()
    vi.mocked(api.run).mockRejectedValueOnce(new Error('socket closed'))
    await store.getState().startRun()
    expect(store.getState().runRequestError).toBe('socket closed')
    expect(store.getState().lastOutcome).toBeNull()
  })

  it(`refuses more than ${MAX_RUNS_IN_FLIGHT} runs in flight, and runs nothing when disconnected`, () => {
    const { store, api } = makeStore()
    for (let i = 0; i < MAX_RUNS_IN_FLIGHT + 5; i++) void store.getState().startRun()
    expect(api.run).toHaveBeenCalledTimes(MAX_RUNS_IN_FLIGHT)
    const closed = makeStore()
    closed.store.getState().setConnection({ status: 'closed', message: 'gone' })
    void closed.store.getState().startRun()
    expect(closed.api.run).not.toHaveBeenCalled()
  })

  it('clears the console', async () => {
    const { store, settle } = makeStore()
    const run = store.getState().startRun()
    settle(store.getState().shownRunId ?? '')
    await run
    expect(store.getState().consoleEntries).toHaveLength(2)
    store.getState().clearConsole()
    expect(store.getState().consoleEntries).toEqual([])
  })
})

describe('the live console', () => {
  const line = (text: string, at = 1) => ({ level: 'log' as const, text, at })
  const texts = (store: ReturnType<typeof makeStore>['store']) =>
    store
      .getState()
      .consoleEntries.map((entry) =>
        entry.kind === 'run' ? `[${entry.runId} ${entry.status} ${entry.lineCount}]` : entry.text,
      )

  it('asks for live lines, shows them under a running header in order and once each, then the outcome replaces them', async () => {
    const { store, api, settle } = makeStore()
    const run = store.getState().startRun()
    const request = nth(vi.mocked(api.run).mock.calls, 0)[0]
    expect(request.liveLogs).toBe(true)
    const id = request.id
    store.getState().applyRunLogs([{ runId: id, from: 0, entries: [line('a')], dropped: 0 }])
    // A repeat, then new lines, and lines of a run this window does not hold.
    store.getState().applyRunLogs([
      { runId: id, from: 0, entries: [line('a'), line('b')], dropped: 0 },
      { runId: 'elsewhere', from: 0, entries: [line('x')], dropped: 0 },
    ])
    expect(texts(store)).toEqual([`[${id} running 2]`, 'a', 'b'])
    const keyOfA = store.getState().consoleEntries[1]?.key
    settle(id, outcome(id, { logs: [line('a'), line('b'), line('c')] }))
    await run
    expect(texts(store)).toEqual([`[${id} ok 3]`, 'a', 'b', 'c'])
    // A line keeps its key from stream to outcome: a tree opened meanwhile stays open.
    expect(store.getState().consoleEntries[1]?.key).toBe(keyOfA)
    // A batch that arrives after the outcome adds nothing.
    store.getState().applyRunLogs([{ runId: id, from: 3, entries: [line('late')], dropped: 0 }])
    expect(texts(store)).toEqual([`[${id} ok 3]`, 'a', 'b', 'c'])
  })

  it('a lost run keeps the lines its outcome carries; a cleared console shows only newer lines', async () => {
    const { store, api, settle } = makeStore()
    const run = store.getState().startRun()
    const id = nth(vi.mocked(api.run).mock.calls, 0)[0].id
    store.getState().applyRunLogs([{ runId: id, from: 0, entries: [line('a')], dropped: 0 }])
    store.getState().clearConsole()
    store.getState().applyRunLogs([{ runId: id, from: 1, entries: [line('b')], dropped: 0 }])
    expect(texts(store)).toEqual([`[${id} running 2]`, 'b'])
    settle(
      id,
      outcome(id, {
        status: 'error',
        value: undefined,
        error: { type: 'PanicError', cause: 'lane-exit', message: 'gone' },
        logs: [line('a'), line('b')],
      }),
    )
    await run
    expect(texts(store)).toEqual([`[${id} error 2]`, 'a', 'b'])
  })
})

describe('the gate slice', () => {
  it('appends events to the log outside the state and keeps the newest snapshot', () => {
    const { store, deps } = makeStore()
    const make = eventStream()
    store.getState().applyTelemetry({
      events: [make({ kind: 'run.submitted', runId: 'a' })],
      snapshot: gateSnapshot({}, 10),
    })
    store.getState().setGateSnapshot(gateSnapshot({}, 5)) // older: ignored
    expect(store.getState().gateSnapshot?.at).toBe(10)
    expect(deps.eventLog.view('all').length).toBe(1)
    expect(store.getState().eventLog).toBe(deps.eventLog)
    expect(deps.eventLog.capacity).toBe(EVENT_LOG_CAPACITY)
  })

  it('coalesces a flood of timeouts into one counting toast, and a click shows the newest', () => {
    const { store } = makeStore()
    const make = eventStream()
    const timeout = (runId: string): TelemetryEvent =>
      make({
        kind: 'run.settled',
        runId,
        status: 'error',
        errorType: 'TimeoutError',
        cause: 'interrupt',
        totalMs: 5,
      })
    const flood = Array.from({ length: 500 }, (_, i) => timeout(`r${i}`))
    store.getState().applyTelemetry({ events: flood.slice(0, 200), snapshot: gateSnapshot() })
    store.getState().applyTelemetry({ events: flood.slice(200), snapshot: gateSnapshot() })
    store.getState().applyTelemetry({
      events: [
        make({
          kind: 'run.settled',
          runId: 'p1',
          status: 'error',
          errorType: 'PanicError',
          cause: 'host-exit',
          totalMs: 5,
        }),
      ],
      snapshot: gateSnapshot(),
    })
    const { toasts } = store.getState()
    expect(toasts.map((toast) => [toast.kind, toast.count])).toEqual([
      ['timeout', 500],
      ['panic', 1],
    ])
    store.getState().openToast(nth(toasts, 0).id)
    expect(store.getState().eventFilter).toBe('timeouts')
    expect(store.getState().selectedEventSeq).toBe(nth(flood, 499).seq)
    expect(store.getState().toasts).toHaveLength(1)
  })

  it('reports a panic the user caused with Kill lane quietly: in the log, not as a toast', async () => {
    const { store, api, tick } = makeStore()
    api.injectFault = vi.fn(async () => ({ injected: "Killed lane 0's thread" }))
    const make = eventStream()
    const panicked = (runId: string, cause: string): TelemetryEvent =>
      make({
        kind: 'run.settled',
        runId,
        status: 'error',
        errorType: 'PanicError',
        cause,
        totalMs: 5,
      })
    await store.getState().injectFault({ kind: 'kill-lane', lane: 0 })
    store.getState().applyTelemetry({
      events: [panicked('k1', 'lane-exit')],
      snapshot: gateSnapshot(),
    })
    expect(store.getState().toasts).toHaveLength(0)
    expect(store.getState().eventLog.view('panics').length).toBe(1)
    // A panic with another cause is not what the user asked for: it still alarms.
    store.getState().applyTelemetry({
      events: [panicked('k2', 'host-exit')],
      snapshot: gateSnapshot(),
    })
    expect(store.getState().toasts.map((toast) => toast.kind)).toEqual(['panic'])
    // Long after the fault, a lane crash is news again.
    tick(60_000)
    store.getState().expireToasts()
    store.getState().applyTelemetry({
      events: [panicked('k3', 'lane-exit')],
      snapshot: gateSnapshot(),
    })
    expect(store.getState().toasts).toHaveLength(1)
  })

  it("a lesson's own timeout or panic goes to the log, not to a toast: the lesson shows it", () => {
    const { store, api } = makeStore()
    api.run = vi.fn(() => new Promise<never>(() => undefined))
    const make = eventStream()
    void store.getState().runLesson({
      slug: '01-infinite-loop',
      code: 'while (true) {}',
      limits: { runTimeoutMs: 100 },
      runs: 1,
    } satisfies RunnableLesson)
    const lessonRunId = store.getState().lessonAttempts['01-infinite-loop']?.runs[0]?.runId
    expect(lessonRunId).toBeDefined()
    const timedOut = (runId: string): TelemetryEvent =>
      make({ kind: 'run.settled', runId, status: 'error', errorType: 'TimeoutError', totalMs: 100 })
    store.getState().applyTelemetry({
      events: [timedOut(lessonRunId as string), timedOut('matrix3-p6-probe')],
      snapshot: gateSnapshot(),
    })
    expect(store.getState().toasts).toHaveLength(0)
    expect(store.getState().eventLog.view('timeouts').length).toBe(2)
    // The playground's own timeout still alarms.
    store.getState().applyTelemetry({ events: [timedOut('run-x-1')], snapshot: gateSnapshot() })
    expect(store.getState().toasts.map((toast) => toast.kind)).toEqual(['timeout'])
  })

  it('lets toasts expire', () => {
    const { store, tick } = makeStore()
    const make = eventStream()
    store.getState().applyTelemetry({
      events: [
        make({
          kind: 'run.settled',
          runId: 'p2',
          status: 'error',
          errorType: 'PanicError',
          cause: 'lane-abort',
          totalMs: 5,
        }),
      ],
      snapshot: gateSnapshot(),
    })
    tick(3000)
    store.getState().expireToasts()
    expect(store.getState().toasts).toHaveLength(1)
    tick(10_000)
    store.getState().expireToasts()
    expect(store.getState().toasts).toHaveLength(0)
  })

  it('reads a run’s phase from the snapshot, advancing its clocks', () => {
    const gate = gateSnapshot({
      permits: { total: 1, inUse: 1, slots: [{ runId: 'a', heldMs: 100 }] },
      waiters: [{ runId: 'b', ageMs: 50, timeoutInMs: 1000 }],
      waitersTotal: 1,
      lanes: [{ lane: 0, state: 'running', runId: 'a', nextRunId: 'n', runs: 3 }],
    })
    expect(runPhase(gate, 'a', 10)).toEqual({ phase: 'running', heldMs: 110, lane: 0 })
    expect(runPhase(gate, 'b', 10)).toEqual({
      phase: 'waiting',
      position: 1,
      waiting: 1,
      ageMs: 60,
      timeoutInMs: 990,
    })
    expect(runPhase(gate, 'b', 5000)).toMatchObject({ timeoutInMs: 0 })
    expect(runPhase(gate, 'c')).toEqual({ phase: 'submitted' })
    expect(runPhase({ ...gate, waitersTotal: 150 }, 'c')).toMatchObject({
      phase: 'waiting',
      position: null,
      waiting: 150,
    })
    expect(runPhase({ ...gate, awaitingLane: ['a'] }, 'a')).toEqual({
      phase: 'awaiting-lane',
      heldMs: 100,
    })
    const ahead = {
      ...gate,
      permits: { ...gate.permits, slots: [...gate.permits.slots, { runId: 'n', heldMs: 7 }] },
    }
    expect(runPhase(ahead, 'n')).toEqual({ phase: 'next-on-lane', heldMs: 7, lane: 0 })
  })
})

describe('the settings slice', () => {
  it('loads, saves only what changed, and reports the core’s refusal', async () => {
    const { store, api } = makeStore()
    await flush()
    await store.getState().loadSettings()
    expect(store.getState().settings).toEqual(SETTINGS)
    expect(await store.getState().saveSettings({ permits: 1 })).toBe(true)
    expect(store.getState().settings?.permits).toBe(1)
    vi.mocked(api.updateSettings).mockRejectedValueOnce(new Error('permits must be at most 256'))
    expect(await store.getState().saveSettings({ permits: 999 })).toBe(false)
    expect(store.getState().settingsError).toBe('permits must be at most 256')
    expect(store.getState().settingsSaving).toBe(false)
  })
})

describe('the ui slice', () => {
  it('remembers the theme and pane sizes, and ignores stored nonsense', () => {
    const storage = memoryStorage({
      'gatehouse.theme': '"light"',
      'gatehouse.paneSizes': '{"top": 0.99, "source": "x"}',
    })
    const { store } = makeStore({ storage })
    expect(store.getState().themePreference).toBe('light')
    expect(store.getState().paneSizes.top).toBe(0.85) // clamped
    expect(store.getState().paneSizes.source).toBe(0.54) // default
    store.getState().setThemePreference('dark')
    store.getState().setPaneSize('editor', 0.3)
    expect(JSON.parse(storage.items['gatehouse.theme'] ?? 'null')).toBe('dark')
    expect(JSON.parse(storage.items['gatehouse.paneSizes'] ?? '{}').editor).toBe(0.3)

    const broken = memoryStorage({
      'gatehouse.theme': '"purple"',
      'gatehouse.paneSizes': 'not json',
    })
    const fresh = makeStore({ storage: broken }).store.getState()
    expect(fresh.themePreference).toBe('system')
    expect(fresh.paneSizes).toEqual({ top: 0.6, source: 0.54, editor: 0.68, result: 0.56 })
  })

  it('filters the console by level', () => {
    const { store } = makeStore()
    store.getState().toggleConsoleLevel('debug')
    expect(store.getState().consoleFilter.levels.debug).toBe(false)
    store.getState().setConsoleText('boom')
    expect(store.getState().consoleFilter).toMatchObject({
      text: 'boom',
      levels: { debug: false, log: true },
    })
  })
})
