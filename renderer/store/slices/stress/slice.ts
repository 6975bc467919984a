import type { GatehouseApi } from '../../../../src/protocol/api'
import type { StressProgress, StressReportFull, StressState } from '../../../../src/protocol/stress'
import type { SliceCreator, StoreDeps } from '../../store-types'
import { describeError } from './describe-error'
import { StressLiveFeed, isActiveStress } from './live-feed'
import { savedRunsActions } from './saved-runs-actions'
import {
  readLastReport,
  readStressDesign,
  writeLastReport,
  writeStressDesign,
} from '../../../persistence/stress-lab-storage'
import { defaultStressForm, gateChanges, readStressForm } from './stress-form'
import type { StressFieldName, StressFormDraft, StressFormErrors } from './stress-form'
import { resolveStressScript } from './stress-scripts'
import type { ComparisonFollow, StressAction, StressSlice } from './types'

/** How long a new sandbox host may take to bring its lanes up. */
const LANES_READY_TIMEOUT_MS = 30_000

const isActive = isActiveStress

const isFinal = (state: StressState): boolean => state === 'done' || state === 'cancelled'

/** Above this many runs the live timeline waits for the final report (each poll carries every run). */
export const LIVE_TIMELINE_MAX_RUNS = 20_000

/**
 * How often the report is fetched while a stress runs, for the permit
 * timeline; null when the stress is too big to fetch while it runs. The
 * report carries every settled run, so a bigger stress is read less often:
 * parsing it must stay well inside a frame budget.
 */
export function reportPollIntervalMs(totalRuns: number): number | null {
  if (totalRuns > LIVE_TIMELINE_MAX_RUNS) return null
  return Math.min(6000, Math.max(1500, Math.round(totalRuns * 0.3)))
}

/** The errors less those of the fields just edited: a field's message goes once it changes. */
function withoutErrors(errors: StressFormErrors, ...names: StressFieldName[]): StressFormErrors {
  return Object.fromEntries(
    Object.entries(errors).filter(([name]) => !names.includes(name as StressFieldName)),
  )
}

const ACTION_LABELS: Record<StressAction, string> = {
  pause: 'Pausing…',
  resume: 'Resuming…',
  cancel: 'Cancelling…',
}

/** Resolves once the gate has `lanes` lanes, all idle (a lane change starts a new host). */
async function lanesReady(api: GatehouseApi, lanes: number): Promise<void> {
  const deadline = Date.now() + LANES_READY_TIMEOUT_MS
  for (;;) {
    const snapshot = await api.snapshot({})
    if (snapshot.lanes.length === lanes && snapshot.lanes.every((l) => l.state === 'idle')) return
    if (Date.now() > deadline)
      throw new Error(
        `The ${lanes} new lanes were not ready within ${LANES_READY_TIMEOUT_MS / 1000} s`,
      )
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** A finished report's counts, which the gauge must agree with. */
function finalCounts(report: StressReportFull) {
  return {
    settled: report.runs.length,
    ok: report.outcomes.ok,
    rejected: report.runs.filter((run) => run.admittedAt === null).length,
    submitted: report.submitted,
    wallMs: report.wallMs,
    throughputPerSec: report.throughputPerSec,
  }
}

export const createStressSlice =
  ({ api, now, storage }: StoreDeps): SliceCreator<StressSlice> =>
  (set, get) => {
    const live = new StressLiveFeed(now)
    const liveB = new StressLiveFeed(now)
    // The design and the last finished report come back after a reload.
    const storedDesign = readStressDesign(storage)
    const lastReport = readLastReport(storage)
    /** The restored report's id: a new core may reuse it for a new stress, which is then followed. */
    let restoredId: string | null = null
    if (lastReport) {
      restoredId = lastReport.stressId
      live.follow(lastReport.stressId, lastReport.plan.runs, lastReport.state)
      live.replaceSeries(lastReport.series)
      live.settle(finalCounts(lastReport))
    }
    const setForm = (form: StressFormDraft, more: Partial<StressSlice> = {}) => {
      set({ stressForm: form, ...more })
      writeStressDesign(storage, form)
    }
    let pollTimer: ReturnType<typeof setTimeout> | undefined

    const stopPolling = () => {
      if (pollTimer) clearTimeout(pollTimer)
      pollTimer = undefined
    }
    const schedulePoll = () => {
      stopPolling()
      const intervalMs = reportPollIntervalMs(live.gauge.total)
      if (intervalMs === null) return
      pollTimer = setTimeout(async () => {
        pollTimer = undefined
        await get().refreshStressReport()
        const { stressState, stressReportFinal } = get()
        if (isActive(stressState) && !stressReportFinal && !pollTimer) schedulePoll()
      }, intervalMs)
    }

    const follow = (stressId: string, total: number, state: StressState) => {
      restoredId = null
      live.follow(stressId, total, state)
      set({ stressId, stressState: state, stressReport: null, stressReportFinal: false })
      schedulePoll()
    }

    /** The followed comparison, when `stressId` is one of its halves. */
    const comparisonOf = (stressId: string): { cmp: ComparisonFollow; side: 'a' | 'b' } | null => {
      const cmp = get().stressComparison
      if (!cmp) return null
      if (stressId === cmp.stressIds.a) return { cmp, side: 'a' }
      if (stressId === cmp.stressIds.b) return { cmp, side: 'b' }
      return null
    }
    const feedOf = (side: 'a' | 'b') => (side === 'a' ? live : liveB)

    /** The B run whose progress has started (its clock starts then, not with A's). */
    let startedB: string | null = null

    const compareProgress = (event: StressProgress, side: 'a' | 'b') => {
      const feed = feedOf(side)
      const first =
        side === 'b' ? startedB !== event.stressId : feed.gauge.stressId !== event.stressId
      if (first) feed.follow(event.stressId, event.total, event.state)
      if (side === 'b') startedB = event.stressId
      feed.noteProgress(event)
      // The comparison's state is its running half's: B's once A has ended.
      if (side === 'b' || isActive(event.state)) set({ stressState: event.state })
    }

    const compareFinished = async (stressId: string, state: StressState, side: 'a' | 'b') => {
      const feed = feedOf(side)
      feed.noteState(state)
      try {
        const report = await api.stressReport({ stressId })
        feed.replaceSeries(report.series)
        feed.settle(finalCounts(report))
        const cmp = get().stressComparison
        if (!cmp || cmp.stressIds[side] !== stressId) return
        set({ stressComparison: { ...cmp, reports: { ...cmp.reports, [side]: report } } })
      } catch (error) {
        set({ stressError: `Could not read the report of ${stressId}: ${describeError(error)}` })
      }
      // B's end is the comparison's: the user's settings are back by then.
      if (side === 'b') set({ stressState: state })
    }

    const startComparison = async (
      plan: Parameters<GatehouseApi['compareStress']>[0]['plan'],
      policies: ComparisonFollow['policies'],
    ) => {
      set({ stressBusy: 'Starting the comparison…' })
      const started = await api.compareStress({ plan, ...policies })
      stopPolling()
      live.follow(started.stressIds.a, plan.runs, 'running')
      liveB.follow(started.stressIds.b, plan.runs, 'running')
      // B waits for A: its gauge shows no time passing until its first progress.
      liveB.noteState('paused')
      set({
        stressBusy: null,
        stressId: started.stressIds.a,
        stressState: 'running',
        stressReport: null,
        stressReportFinal: false,
        stressView: { kind: 'compare' },
        stressComparison: {
          comparisonId: started.comparisonId,
          seed: started.seed,
          stressIds: started.stressIds,
          policies,
          reports: { a: null, b: null },
        },
      })
    }

    const takeReport = (report: StressReportFull) => {
      if (report.stressId !== get().stressId || get().stressReportFinal) return
      if (isFinal(report.state)) {
        stopPolling()
        live.replaceSeries(report.series)
        live.settle(finalCounts(report))
        live.noteState(report.state)
        set({ stressReport: report, stressReportFinal: true, stressState: report.state })
        // In a task of its own: a 10,000-run report is a megabyte of JSON.
        setTimeout(() => writeLastReport(storage, report), 0)
      } else set({ stressReport: report })
    }

    return {
      stressForm: storedDesign ?? defaultStressForm(),
      // A restored design keeps its own gate numbers rather than the gate's.
      stressFormSeeded: storedDesign !== null,
      stressFormErrors: {},
      stressId: lastReport?.stressId ?? null,
      stressState: lastReport?.state ?? null,
      stressBusy: null,
      stressError: null,
      stressReport: lastReport,
      stressReportFinal: lastReport !== null,
      stressLive: live,
      stressLiveB: liveB,
      stressComparison: null,
      stressView: { kind: 'live' },
      savedRuns: null,
      savedRunsBusy: null,
      savedRunsNotice: null,
      savedRunsError: null,

      seedStressForm: () => {
        const { settings, stressFormSeeded, stressForm } = get()
        if (stressFormSeeded || !settings) return
        const seeded = defaultStressForm(settings)
        set({
          stressFormSeeded: true,
          stressForm: {
            ...stressForm,
            permits: seeded.permits,
            lanes: seeded.lanes,
            waitTimeoutMs: seeded.waitTimeoutMs,
            runTimeoutMs: seeded.runTimeoutMs,
            policyB: seeded.policyB,
          },
        })
      },

      setStressField: (name, value) => {
        const errors = withoutErrors(get().stressFormErrors, name === 'source' ? 'script' : name)
        setForm({ ...get().stressForm, [name]: value }, { stressFormErrors: errors })
      },

      setStressArrival: (arrival) => setForm({ ...get().stressForm, arrival }),

      setStressMode: (mode) => setForm({ ...get().stressForm, mode }),

      setStressPolicyB: (name, value) => {
        const form = get().stressForm
        setForm(
          { ...form, policyB: { ...form.policyB, [name]: value } },
          { stressFormErrors: withoutErrors(get().stressFormErrors, `b.${name}`) },
        )
      },

      showStressView: (view) => set({ stressView: view }),

      ...savedRunsActions(api, set, get),

      setStressFault: (kind, value) => {
        const form = get().stressForm
        const errors = withoutErrors(get().stressFormErrors, `fault.${kind}`, 'faultTotal')
        setForm(
          { ...form, faults: { ...form.faults, [kind]: value } },
          { stressFormErrors: errors },
        )
      },

      startStress: async () => {
        const state = get()
        if (state.stressBusy) return
        if (isActive(state.stressState)) {
          set({
            stressError: `Stress ${state.stressId} is still ${state.stressState}: cancel it first`,
          })
          return
        }
        const script = resolveStressScript(state.stressForm.source, {
          code: state.code,
          language: state.language,
        })
        const result = readStressForm(state.stressForm, script)
        if (!result.ok) {
          set({ stressFormErrors: result.errors, stressError: null })
          return
        }
        set({ stressFormErrors: {}, stressError: null })
        if (result.compare) {
          try {
            await startComparison(result.plan, result.compare)
          } catch (error) {
            set({
              stressBusy: null,
              stressError: `Could not start the comparison: ${describeError(error)}`,
            })
          }
          return
        }
        try {
          const changes = gateChanges(result.gate, state.settings)
          if (Object.keys(changes).length > 0) {
            set({ stressBusy: 'Applying settings…' })
            if (!(await get().saveSettings(changes))) {
              set({
                stressBusy: null,
                stressError: `Could not apply the gate settings: ${get().settingsError ?? 'refused'}`,
              })
              return
            }
            if (changes.lanes !== undefined) {
              set({ stressBusy: 'Waiting for the lanes…' })
              await lanesReady(api, result.gate.lanes)
            }
          }
          set({ stressBusy: 'Starting…' })
          const { stressId } = await api.startStress(result.plan)
          set({ stressBusy: null, stressComparison: null, stressView: { kind: 'live' } })
          follow(stressId, result.plan.runs, 'running')
        } catch (error) {
          set({
            stressBusy: null,
            stressError: `Could not start the stress: ${describeError(error)}`,
          })
        }
      },

      controlStress: async (action) => {
        const { stressId, stressBusy } = get()
        if (!stressId || stressBusy) return
        set({ stressBusy: ACTION_LABELS[action], stressError: null })
        try {
          const { state } = await api.controlStress({ stressId, action })
          // A comparison's control acts on its running half.
          const cmp = get().stressComparison
          if (cmp && comparisonOf(stressId) && cmp.reports.a) liveB.noteState(state)
          else live.noteState(state)
          set({ stressBusy: null })
          if (!get().stressReportFinal) set({ stressState: state })
        } catch (error) {
          set({
            stressBusy: null,
            stressError: `Could not ${action} the stress: ${describeError(error)}`,
          })
        }
      },

      refreshStressReport: async () => {
        const { stressId } = get()
        if (!stressId) return
        try {
          takeReport(await api.stressReport({ stressId }))
        } catch (error) {
          if (get().stressId === stressId)
            set({
              stressError: `Could not read the report of ${stressId}: ${describeError(error)}`,
            })
        }
      },

      applyStressTelemetry: (batch) => {
        live.noteBatch(batch)
        if (get().stressComparison) liveB.noteBatch(batch)
        for (const event of batch.events) {
          if (event.kind === 'stress.progress' || event.kind === 'stress.finished') {
            const half = comparisonOf(event.stressId)
            if (half) {
              if (event.kind === 'stress.progress') compareProgress(event, half.side)
              else void compareFinished(event.stressId, event.state, half.side)
              continue
            }
          }
          if (event.kind === 'stress.progress') {
            // A stress started by another window, or before this page was reloaded: follow it.
            if (event.stressId !== get().stressId || event.stressId === restoredId) {
              if (!isActive(event.state)) continue
              follow(event.stressId, event.total, event.state)
            }
            live.noteProgress(event)
            if (get().stressState !== event.state && !get().stressReportFinal)
              set({ stressState: event.state })
          } else if (event.kind === 'stress.finished' && event.stressId === get().stressId) {
            live.noteState(event.state)
            stopPolling()
            void get().refreshStressReport()
          }
        }
      },

      dismissStressError: () => set({ stressError: null }),
    }
  }
