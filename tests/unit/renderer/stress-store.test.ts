import { afterEach, describe, expect, it, vi } from 'vitest'
import type { GatehouseApi } from '../../../src/protocol/api'
import type { Settings } from '../../../src/protocol/settings'
import type { StressBucket, StressReportFull, StressState } from '../../../src/protocol/stress'
import type { GateSnapshot, TelemetryBatch, TelemetryEvent } from '../../../src/protocol/telemetry'
import { EventLog } from '../../../renderer/event-log/event-log'
import { createAppStore } from '../../../renderer/store'
import { StressLiveFeed } from '../../../renderer/store/slices/stress/live-feed'
import { selectStressControls } from '../../../renderer/store/slices/stress/selectors'
import { reportPollIntervalMs } from '../../../renderer/store/slices/stress/slice'
import { eventStream } from './events'
import { IDLE_AUDIT, SETTINGS, gateSnapshot, unusedMethods } from './fakes'

function snapshot(lanes = 2, inUse = 0): GateSnapshot {
  return gateSnapshot({
    permits: { total: 4, inUse, slots: [] },
    waitersTotal: 7,
    lanes: Array.from({ length: lanes }, (_, lane) => ({
      lane,
      state: 'idle' as const,
      runId: null,
      nextRunId: null,
      runs: 0,
    })),
    host: { pid: 1, rssBytes: 0 },
    audit: { ...IDLE_AUDIT, inUse },
    eventLoopDelayMs: { p50: 0.2, p99: 3.5, max: 7 },
  })
}

function report(stressId: string, state: StressState, runs = 3): StressReportFull {
  return {
    format: 'gatehouse-stress-report',
    version: 1,
    stressId,
    plan: { runs, arrival: { pattern: 'burst' }, faults: {}, seed: 1, codeBytes: 10 },
    settings: { permits: 4, lanes: 2, waitTimeoutMs: 10_000, runTimeoutMs: 100 },
    state,
    startedAt: 0,
    wallMs: 100,
    submitted: runs,
    outcomes: { ok: runs - 1, error: { ScriptError: 1 } },
    audit: {
      permits: 4,
      peakInUse: 2,
      inUseAfter: 0,
      leaked: 0,
      doubleReleases: 0,
      runsWithoutOutcome: 0,
      passed: state === 'done',
    },
    waitingPeak: 1,
    lanes: { count: 2, recycled: 0, panics: 0 },
    throughputPerSec: 30,
    latencyMs: {
      queue: { p50: 1, p95: 1, p99: 1 },
      run: { p50: 1, p95: 1, p99: 1 },
      total: { p50: 2, p95: 2, p99: 2 },
    },
    series: [
      {
        t: 500,
        completed: runs,
        throughputPerSec: 6,
        queueMs: { p50: 1, p95: 1, p99: 1 },
        runMs: { p50: 1, p95: 1, p99: 1 },
        permitsInUse: 0,
        waiters: 0,
        timeouts: 0,
        panics: 0,
      },
    ],
    runs: Array.from({ length: runs }, (_, i) => ({
      i,
      submittedAt: 0,
      admittedAt: i,
      startedAt: i,
      settledAt: i + 1,
      lane: 0,
      outcome: i === 0 ? ('ScriptError' as const) : ('ok' as const),
    })),
  }
}

function fakeApi() {
  let settings = { ...SETTINGS }
  let reportState: StressState = 'running'
  const api = {
    ...unusedMethods(),
    getSettings: vi.fn(async () => settings),
    updateSettings: vi.fn(async (changes: Partial<Settings>) => {
      settings = { ...settings, ...changes }
      return settings
    }),
    snapshot: vi.fn(async () => snapshot(settings.lanes)),
    startStress: vi.fn(async () => ({ stressId: 'stress1' })),
    controlStress: vi.fn(async ({ action }: { action: string }) => ({
      state: (action === 'pause'
        ? 'paused'
        : action === 'cancel'
          ? 'cancelling'
          : 'running') as StressState,
    })),
    stressReport: vi.fn(async ({ stressId }: { stressId: string }) =>
      report(stressId, reportState),
    ),
    onTelemetry: () => () => undefined,
  }
  return { api, finish: (state: StressState) => (reportState = state) }
}

function makeStore() {
  const fake = fakeApi()
  const store = createAppStore(
    {
      api: fake.api as GatehouseApi,
      now: () => Date.now(),
      storage: null,
      eventLog: new EventLog(),
    },
    { status: 'open' },
  )
  return { store, ...fake }
}

const make = eventStream()
const batch = (events: TelemetryEvent[], inUse = 0): TelemetryBatch => ({
  events,
  snapshot: snapshot(2, inUse),
})
const bucket = (t: number): StressBucket => ({
  t,
  completed: 5,
  throughputPerSec: 10,
  queueMs: { p50: 1, p95: 2, p99: 3 },
  runMs: { p50: 1, p95: 2, p99: 3 },
  permitsInUse: 4,
  waiters: 3,
  timeouts: 1,
  panics: 0,
})

afterEach(() => {
  vi.useRealTimers()
})

describe('the stress slice', () => {
  it('refuses a bad form without calling the core', async () => {
    const { store, api } = makeStore()
    store.getState().setStressField('runs', '0')
    await store.getState().startStress()
    expect(store.getState().stressFormErrors.runs).toBe('Runs must be at least 1')
    expect(api.startStress).not.toHaveBeenCalled()
    store.getState().setStressField('runs', '10')
    expect(store.getState().stressFormErrors.runs).toBeUndefined()
  })

  it('applies the gate settings it needs, waits for the lanes, then starts and follows', async () => {
    const { store, api } = makeStore()
    await store.getState().loadSettings()
    store.getState().seedStressForm()
    store.getState().setStressField('runs', '3')
    store.getState().setStressField('lanes', '3')
    store.getState().setStressField('runTimeoutMs', '100')
    store.getState().setStressFault('throw', '10')
    await store.getState().startStress()
    expect(api.updateSettings).toHaveBeenCalledWith({ lanes: 3 })
    expect(api.snapshot).toHaveBeenCalled()
    expect(api.startStress).toHaveBeenCalledWith({
      code: expect.stringContaining('input.i'),
      language: 'js',
      runs: 3,
      arrival: { pattern: 'burst' },
      faults: { throw: 10 },
      runTimeoutMs: 100,
    })
    const state = store.getState()
    expect(state.stressId).toBe('stress1')
    expect(state.stressState).toBe('running')
    expect(state.stressLive.gauge.total).toBe(3)
    const controls = selectStressControls(state)
    expect(controls).toMatchObject({
      canStart: false,
      canPause: true,
      canCancel: true,
      canResume: false,
    })
  })

  it('shows the core’s refusal as an error', async () => {
    const { store, api } = makeStore()
    await store.getState().loadSettings()
    const refusal = new Error(
      'A stress run (stress4) is still running: cancel it or wait for it to finish',
    )
    refusal.name = 'ValidationError'
    api.startStress.mockRejectedValueOnce(refusal)
    await store.getState().startStress()
    expect(store.getState().stressError).toBe(
      'Could not start the stress: ValidationError: A stress run (stress4) is still running: cancel it or wait for it to finish',
    )
    expect(store.getState().stressBusy).toBeNull()
    store.getState().dismissStressError()
    expect(store.getState().stressError).toBeNull()
  })

  it('feeds the gauge from every batch and the charts from progress, then takes the final report', async () => {
    const { store, finish } = makeStore()
    await store.getState().loadSettings()
    store.getState().setStressField('runs', '3')
    await store.getState().startStress()
    const live = store.getState().stressLive
    const listener = vi.fn()
    live.subscribe(listener)

    store.getState().applyStressTelemetry(
      batch(
        [
          make({
            kind: 'run.settled',
            runId: 'stress1-0',
            status: 'error',
            errorType: 'ScriptError',
            totalMs: 1,
          }),
          make({ kind: 'run.settled', runId: 'stress1-1', status: 'ok', totalMs: 1 }),
          make({ kind: 'run.settled', runId: 'other-run', status: 'ok', totalMs: 1 }),
        ],
        2,
      ),
    )
    expect(live.gauge).toMatchObject({
      settled: 2,
      ok: 1,
      failed: 1,
      permitsInUse: 2,
      waiters: 7,
      lanes: 2,
    })
    expect(live.gauge.eventLoopDelayMs).toEqual({ p50: 0.2, p99: 3.5, max: 7 })
    expect(listener).toHaveBeenCalled()

    store.getState().applyStressTelemetry(
      batch([
        make({
          kind: 'stress.progress',
          stressId: 'stress1',
          state: 'paused',
          total: 3,
          submitted: 3,
          settled: 2,
          ok: 1,
          failed: 1,
          bucket: bucket(500),
        }),
      ]),
    )
    expect(live.series.t).toEqual([0.5])
    expect(live.series.timeoutsPerSec).toEqual([2])
    expect(store.getState().stressState).toBe('paused')

    finish('done')
    store
      .getState()
      .applyStressTelemetry(
        batch([
          make({ kind: 'stress.finished', stressId: 'stress1', state: 'done', passed: true }),
        ]),
      )
    await vi.waitFor(() => expect(store.getState().stressReportFinal).toBe(true))
    expect(store.getState().stressState).toBe('done')
    expect(store.getState().stressReport?.audit.passed).toBe(true)
    expect(live.gauge).toMatchObject({ settled: 3, ok: 2, failed: 1, state: 'done' })
    expect(live.series.t).toEqual([0.5])
    expect(selectStressControls(store.getState()).canStart).toBe(true)
  })

  it('polls the report while the stress runs, for the timeline', async () => {
    vi.useFakeTimers()
    const { store, api, finish } = makeStore()
    await store.getState().startStress()
    expect(store.getState().stressReport).toBeNull()
    await vi.advanceTimersByTimeAsync(reportPollIntervalMs(1000) ?? 0)
    expect(api.stressReport).toHaveBeenCalledTimes(1)
    expect(store.getState().stressReport?.state).toBe('running')
    expect(store.getState().stressReportFinal).toBe(false)
    finish('cancelled')
    await vi.advanceTimersByTimeAsync(reportPollIntervalMs(1000) ?? 0)
    expect(store.getState().stressReportFinal).toBe(true)
    expect(store.getState().stressState).toBe('cancelled')
    await vi.advanceTimersByTimeAsync(10_000)
    expect(api.stressReport).toHaveBeenCalledTimes(2)
  })

  it('pauses, resumes and cancels through the core', async () => {
    const { store, api } = makeStore()
    await store.getState().startStress()
    await store.getState().controlStress('pause')
    expect(api.controlStress).toHaveBeenCalledWith({ stressId: 'stress1', action: 'pause' })
    expect(store.getState().stressState).toBe('paused')
    expect(selectStressControls(store.getState())).toMatchObject({
      canResume: true,
      canPause: false,
    })
    await store.getState().controlStress('cancel')
    expect(store.getState().stressState).toBe('cancelling')
  })

  it('follows a stress it sees in the telemetry (another window, or before a reload)', () => {
    const { store } = makeStore()
    store.getState().applyStressTelemetry(
      batch([
        make({
          kind: 'stress.progress',
          stressId: 'stress9',
          state: 'running',
          total: 50,
          submitted: 50,
          settled: 10,
          ok: 10,
          failed: 0,
          bucket: bucket(1000),
        }),
      ]),
    )
    expect(store.getState().stressId).toBe('stress9')
    expect(store.getState().stressLive.gauge).toMatchObject({ total: 50, settled: 10 })
    // A finished stress seen late is not followed.
    store.getState().applyStressTelemetry(
      batch([
        make({
          kind: 'stress.progress',
          stressId: 'stress8',
          state: 'done',
          total: 5,
          submitted: 5,
          settled: 5,
          ok: 5,
          failed: 0,
        }),
      ]),
    )
    expect(store.getState().stressId).toBe('stress9')
  })

  it('the gauge’s throughput covers the last second and falls to 0 when nothing arrives', () => {
    let clock = 10_000
    const feed = new StressLiveFeed(() => clock)
    expect(feed.elapsedMs()).toBeNull()
    feed.follow('stress3', 1000)
    const settle = (count: number) =>
      feed.noteBatch(
        batch(
          Array.from({ length: count }, (_, i) =>
            make({ kind: 'run.settled', runId: `stress3-${i}`, status: 'ok', totalMs: 1 }),
          ),
        ),
      )
    clock += 250
    settle(50)
    expect(feed.throughputPerSec()).toBe(200)
    clock += 750
    settle(150)
    expect(feed.throughputPerSec()).toBe(200)
    clock += 500
    settle(300)
    // The baseline is now the sample a second old: 450 runs in the last 1250 ms.
    expect(feed.throughputPerSec()).toBe(360)
    expect(feed.elapsedMs()).toBe(1500)
    clock += 2000
    expect(feed.throughputPerSec()).toBe(0)
    feed.settle({ settled: 500, ok: 500, submitted: 500, wallMs: 1600, throughputPerSec: 312.5 })
    feed.noteState('done')
    clock += 5000
    expect(feed.elapsedMs()).toBe(1600)
    // Once it is over, the gauge shows the stress's average.
    expect(feed.throughputPerSec()).toBe(313)
  })

  it('the gauge’s throughput leaves out runs that never got a permit, and counts them apart', () => {
    let clock = 10_000
    const feed = new StressLiveFeed(() => clock)
    feed.follow('stress4', 1000)
    clock += 500
    feed.noteBatch(
      batch([
        ...Array.from({ length: 100 }, (_, i) =>
          make({ kind: 'run.settled', runId: `stress4-${i}`, status: 'ok', totalMs: 1 }),
        ),
        // A burst of wait timeouts: 400 runs turned away in the same half second.
        ...Array.from({ length: 400 }, (_, i) =>
          make({
            kind: 'run.settled',
            runId: `stress4-${100 + i}`,
            status: 'error',
            errorType: 'ConcurrencyError',
            totalMs: 10_000,
          }),
        ),
      ]),
    )
    expect(feed.gauge.settled).toBe(500)
    expect(feed.gauge.rejected).toBe(400)
    expect(feed.throughputPerSec()).toBe(200)
  })

  it('reads the report less often the bigger the stress, and not at all past 20,000 runs', () => {
    expect(reportPollIntervalMs(100)).toBe(1500)
    expect(reportPollIntervalMs(10_000)).toBe(3000)
    expect(reportPollIntervalMs(20_000)).toBe(6000)
    expect(reportPollIntervalMs(20_001)).toBeNull()
  })
})
