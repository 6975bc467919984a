import { describe, expect, it, vi } from 'vitest'
import { stressReportJson } from '../../../src/engine/stress/report-file'
import type { GatehouseApi } from '../../../src/protocol/api'
import type { StressReportFull, StressState } from '../../../src/protocol/stress'
import type { TelemetryBatch, TelemetryEvent } from '../../../src/protocol/telemetry'
import { EventLog } from '../../../renderer/event-log/event-log'
import { createAppStore } from '../../../renderer/store'
import { selectStressControls } from '../../../renderer/store/slices/stress/selectors'
import {
  readStressForm,
  defaultStressForm,
} from '../../../renderer/store/slices/stress/stress-form'
import { sampleReport } from '../engine/stress-report-fixture'
import { eventStream } from './events'
import { SETTINGS, gateSnapshot, unusedMethods } from './fakes'

const make = eventStream()
const batch = (events: TelemetryEvent[]): TelemetryBatch => ({ events, snapshot: gateSnapshot() })
const progress = (stressId: string, state: StressState, settled: number) =>
  make({
    kind: 'stress.progress',
    stressId,
    state,
    total: 5,
    submitted: 5,
    settled,
    ok: settled,
    failed: 0,
  })
const finished = (stressId: string, state: StressState = 'done') =>
  make({ kind: 'stress.finished', stressId, state, passed: true })

function makeStore(files: Record<string, string> = {}) {
  const reports: Record<string, StressReportFull> = {
    stress3a: sampleReport({ stressId: 'stress3a' }),
    stress3b: sampleReport({ stressId: 'stress3b', throughputPerSec: 900 }),
  }
  const api = {
    ...unusedMethods(),
    getSettings: vi.fn(async () => SETTINGS),
    compareStress: vi.fn(async () => ({
      comparisonId: 'stress3',
      seed: 11,
      stressIds: { a: 'stress3a', b: 'stress3b' },
    })),
    stressReport: vi.fn(async ({ stressId }: { stressId: string }) => {
      const report = reports[stressId]
      if (!report) throw new Error(`No stress run ${stressId}`)
      return report
    }),
    controlStress: vi.fn(async () => ({ state: 'cancelling' as StressState })),
    listSavedRuns: vi.fn(async () => ({
      nativeDialogs: false,
      folder: '/w/.gatehouse/runs',
      runs: Object.keys(files).map((name) => ({ name, sizeBytes: 10, modifiedAt: 1 })),
    })),
    saveRun: vi.fn(async ({ stressId }: { stressId: string }) => ({
      status: 'saved' as const,
      name: `${stressId}.json`,
      path: `/w/.gatehouse/runs/${stressId}.json`,
    })),
    openSavedRun: vi.fn(async ({ name }: { name?: string }) => {
      const text = files[name ?? '']
      if (text === undefined) throw new Error(`no ${name}`)
      return { status: 'opened' as const, name: name as string, path: `/w/${name}`, text }
    }),
  }
  const store = createAppStore(
    {
      api: api as unknown as GatehouseApi,
      now: () => Date.now(),
      storage: null,
      eventLog: new EventLog(),
    },
    { status: 'open' },
  )
  return { store, api }
}

describe('the stress form in compare mode', () => {
  it('reads policy A from the gate fields and policy B from its own, with the seed', () => {
    const draft = {
      ...defaultStressForm(SETTINGS),
      mode: 'compare' as const,
      seed: '42',
      runTimeoutMs: '100',
      policyB: { permits: '8', lanes: '1', waitTimeoutMs: '0', runTimeoutMs: '250' },
    }
    const result = readStressForm(draft, { code: 'return 1', language: 'js' })
    if (!result.ok) throw new Error(JSON.stringify(result.errors))
    expect(result.plan.seed).toBe(42)
    expect(result.compare).toEqual({
      a: { permits: 4, lanes: 2, waitTimeoutMs: 10_000, runTimeoutMs: 100 },
      b: { permits: 8, lanes: 1, waitTimeoutMs: 0, runTimeoutMs: 250 },
    })
  })

  it('names what is wrong with policy B and the seed', () => {
    const draft = {
      ...defaultStressForm(SETTINGS),
      mode: 'compare' as const,
      seed: '1.5',
      policyB: { permits: '300', lanes: '0', waitTimeoutMs: '', runTimeoutMs: '5' },
    }
    const result = readStressForm(draft, { code: 'return 1', language: 'js' })
    expect(!result.ok && result.errors).toEqual({
      seed: 'The seed must be a whole number from 0 to 4294967295',
      'b.permits': 'Permits must be at most 256',
      'b.lanes': 'Lanes must be at least 1',
      'b.waitTimeoutMs': 'Wait timeout must be a whole number from 0 to 600000 ms',
      'b.runTimeoutMs': 'Run timeout must be at least 10 ms',
    })
    // One gate ignores policy B.
    const single = readStressForm(
      { ...draft, mode: 'single', seed: '' },
      { code: 'x', language: 'js' },
    )
    expect(single.ok && single.compare).toBeUndefined()
  })
})

describe('a comparison in the store', () => {
  it('starts both halves, follows A then B, and ends when B ends, with both reports', async () => {
    const { store, api } = makeStore()
    await store.getState().loadSettings()
    store.getState().seedStressForm()
    store.getState().setStressMode('compare')
    store.getState().setStressField('runs', '5')
    store.getState().setStressPolicyB('permits', '6')
    await store.getState().startStress()
    expect(api.compareStress).toHaveBeenCalledWith({
      plan: expect.objectContaining({ runs: 5 }),
      a: { permits: 4, lanes: 2, waitTimeoutMs: 10_000, runTimeoutMs: 5000 },
      b: { permits: 6, lanes: 2, waitTimeoutMs: 10_000, runTimeoutMs: 5000 },
    })
    const state = () => store.getState()
    expect(state().stressView).toEqual({ kind: 'compare' })
    expect(state().stressComparison).toMatchObject({ comparisonId: 'stress3', seed: 11 })
    expect(selectStressControls(state()).canStart).toBe(false)

    state().applyStressTelemetry(batch([progress('stress3a', 'running', 2)]))
    expect(state().stressLive.gauge).toMatchObject({ stressId: 'stress3a', settled: 2 })
    // A's end is not the comparison's: Start stays off while B is to come.
    state().applyStressTelemetry(batch([finished('stress3a')]))
    await vi.waitFor(() => expect(state().stressComparison?.reports.a?.stressId).toBe('stress3a'))
    expect(state().stressState).toBe('running')
    expect(selectStressControls(state()).canStart).toBe(false)

    state().applyStressTelemetry(batch([progress('stress3b', 'running', 3)]))
    expect(state().stressLiveB.gauge).toMatchObject({ stressId: 'stress3b', settled: 3 })
    // B's progress never takes over the main feed as a stress of its own.
    expect(state().stressLive.gauge.stressId).toBe('stress3a')
    state().applyStressTelemetry(batch([finished('stress3b')]))
    await vi.waitFor(() => expect(state().stressState).toBe('done'))
    expect(state().stressComparison?.reports.b?.throughputPerSec).toBe(900)
    expect(selectStressControls(state()).canStart).toBe(true)
  })
})

describe('saved runs in the store', () => {
  const good = stressReportJson(sampleReport())
  const files = {
    'good.json': good,
    'other.json': stressReportJson(sampleReport({ stressId: 'stress2', wallMs: 20 })),
    'cut.json': good.slice(0, 100),
    'newer.json': JSON.stringify({ ...sampleReport(), version: 4 }),
  }

  it('opens a run, compares two, and keeps the view when a file cannot be shown', async () => {
    const { store } = makeStore(files)
    const state = () => store.getState()
    await state().refreshSavedRuns()
    expect(state().savedRuns?.runs.map((r) => r.name)).toEqual(Object.keys(files))
    await state().openSavedRun('good.json')
    expect(state().stressView).toEqual({
      kind: 'saved',
      run: { name: 'good.json', report: sampleReport() },
    })
    await state().openSavedRun('cut.json')
    expect(state().savedRunsError).toMatch(
      /^cut\.json cannot be shown: it is not JSON \(.*\)\. The file was left as it is\.$/,
    )
    expect(state().stressView).toMatchObject({ kind: 'saved', run: { name: 'good.json' } })
    await state().compareSavedRuns(['good.json', 'newer.json'])
    expect(state().savedRunsError).toBe(
      'newer.json cannot be shown: it is written by a newer Gatehouse (report version 4; this one reads up to version 1). The file was left as it is.',
    )
    expect(state().stressView.kind).toBe('saved')
    await state().compareSavedRuns(['good.json', 'other.json'])
    expect(state().savedRunsError).toBeNull()
    expect(state().stressView).toMatchObject({
      kind: 'saved-compare',
      a: { name: 'good.json' },
      b: { name: 'other.json', report: { wallMs: 20 } },
    })
  })

  it('saves a finished stress and says under which name', async () => {
    const { store, api } = makeStore()
    await store.getState().saveStressRun('stress3a')
    expect(api.saveRun).toHaveBeenCalledWith({ stressId: 'stress3a' })
    expect(store.getState().savedRunsNotice).toBe('Saved stress3a as stress3a.json')
    expect(api.listSavedRuns).toHaveBeenCalled()
  })
})
