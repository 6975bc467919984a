import type { RunRequest } from '../../../../src/protocol/request'
import type { SliceCreator, StoreDeps } from '../../store-types'
import { appendRunToConsole } from './console-entries'
import { nextRunId } from './run-id'
import { selectRunBlockedReason, selectSubmission } from './selectors'
import type { RunSlice } from './types'

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

const without = (record: Record<string, number>, key: string) =>
  Object.fromEntries(Object.entries(record).filter(([id]) => id !== key))

export const createRunSlice =
  ({ api, now }: StoreDeps): SliceCreator<RunSlice> =>
  (set, get) => {
    let nextConsoleKey = 1
    return {
      inFlight: {},
      shownRunId: null,
      shownSubmittedAt: null,
      lastOutcome: null,
      runRequestError: null,
      consoleEntries: [],
      consoleOverflow: 0,
      traceRuns: false,

      setTraceRuns: (traceRuns) => set({ traceRuns }),

      async startRun() {
        if (selectRunBlockedReason(get()) !== null) return
        const submittedAt = now()
        const id = nextRunId()
        const request: RunRequest = { id, ...selectSubmission(get()) }
        set((state) => ({
          inFlight: { ...state.inFlight, [id]: submittedAt },
          shownRunId: id,
          shownSubmittedAt: submittedAt,
          lastOutcome: null,
          runRequestError: null,
          // Asked for a trace: show it when the outcome comes.
          ...(request.trace ? { resultTab: 'trace' as const } : {}),
        }))
        try {
          const outcome = await api.run(request)
          set((state) => {
            // When the run ended on this window's clock, not when the reply got through.
            const appended = appendRunToConsole(
              state.consoleEntries,
              outcome,
              submittedAt + outcome.timing.totalMs,
              nextConsoleKey,
            )
            nextConsoleKey = appended.nextKey
            return {
              inFlight: without(state.inFlight, id),
              consoleEntries: appended.entries,
              consoleOverflow: state.consoleOverflow + appended.cut,
              ...(state.shownRunId === id ? { lastOutcome: outcome } : {}),
            }
          })
        } catch (error) {
          set((state) => ({
            inFlight: without(state.inFlight, id),
            ...(state.shownRunId === id ? { runRequestError: messageOf(error) } : {}),
          }))
        }
      },

      async stopRuns() {
        const ids = Object.keys(get().inFlight)
        const results = await Promise.allSettled(ids.map((id) => api.stop({ id })))
        const failed = results.find((result) => result.status === 'rejected')
        if (failed && get().shownRunId !== null)
          set({ runRequestError: `Stop failed: ${messageOf(failed.reason)}` })
      },

      clearConsole: () => set({ consoleEntries: [], consoleOverflow: 0 }),
    }
  }
