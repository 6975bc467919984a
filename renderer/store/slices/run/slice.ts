import type { RunRequest } from '../../../../src/protocol/request'
import type { SliceCreator, StoreDeps } from '../../store-types'
import { parkedRunPatch } from '../documents/parking'
import { appendLiveLines, appendRunToConsole } from './console-entries'
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
    /** How many streamed lines of each running run the console shows. */
    const streamedLines = new Map<string, number>()
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
        // Its console lines stream to this window while it runs.
        const request: RunRequest = { id, ...selectSubmission(get()), liveLogs: true }
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
          const streamed = streamedLines.delete(id)
          set((state) => {
            // When the run ended on this window's clock, not when the reply got through.
            const appended = appendRunToConsole(
              state.consoleEntries,
              outcome,
              submittedAt + outcome.timing.totalMs,
              nextConsoleKey,
              undefined,
              streamed,
            )
            nextConsoleKey = appended.nextKey
            return {
              inFlight: without(state.inFlight, id),
              consoleEntries: appended.entries,
              consoleOverflow: state.consoleOverflow + appended.cut,
              ...(state.shownRunId === id
                ? { lastOutcome: outcome }
                : parkedRunPatch(state, id, { lastOutcome: outcome })),
            }
          })
        } catch (error) {
          streamedLines.delete(id)
          set((state) => ({
            inFlight: without(state.inFlight, id),
            ...(state.shownRunId === id
              ? { runRequestError: messageOf(error) }
              : parkedRunPatch(state, id, { runRequestError: messageOf(error) })),
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

      clearConsole: () => {
        // A run still running starts again from its next line.
        for (const id of streamedLines.keys()) streamedLines.set(id, 0)
        set({ consoleEntries: [], consoleOverflow: 0 })
      },

      applyRunLogs(chunks) {
        const { inFlight } = get()
        // Only this window's runs, and only until their outcome (a late batch adds nothing).
        const mine = chunks.filter((chunk) => chunk.runId in inFlight)
        if (mine.length === 0) return
        set((state) => {
          let entries = state.consoleEntries
          let cut = 0
          for (const chunk of mine) {
            const appended = appendLiveLines(
              entries,
              chunk,
              streamedLines.get(chunk.runId) ?? 0,
              now(),
              nextConsoleKey,
            )
            entries = appended.entries
            cut += appended.cut
            nextConsoleKey = appended.nextKey
            streamedLines.set(chunk.runId, appended.shown)
          }
          return { consoleEntries: entries, consoleOverflow: state.consoleOverflow + cut }
        })
      },
    }
  }
