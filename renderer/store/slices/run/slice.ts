import type { SliceCreator, StoreDeps } from '../../store-types'
import { nextRunId } from './run-id'
import { selectRunBlockedReason } from './selectors'
import type { RunSlice } from './types'

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

export const createRunSlice =
  ({ api, now }: StoreDeps): SliceCreator<RunSlice> =>
  (set, get) => ({
    runId: null,
    runStatus: 'idle',
    runStartedAt: null,
    lastOutcome: null,
    runRequestError: null,

    async startRun() {
      const { code, inputText } = get()
      if (selectRunBlockedReason(get()) !== null) return
      const startedAt = now()
      const id = nextRunId(startedAt)
      set({
        runId: id,
        runStatus: 'running',
        runStartedAt: startedAt,
        lastOutcome: null,
        runRequestError: null,
      })
      const input = inputText.trim() === '' ? undefined : inputText
      try {
        const outcome = await api.run({ id, code, input, language: 'js' })
        if (get().runId === id) set({ runStatus: 'idle', lastOutcome: outcome })
      } catch (error) {
        if (get().runId === id) set({ runStatus: 'idle', runRequestError: messageOf(error) })
      }
    },

    async stopRun() {
      const { runId, runStatus } = get()
      if (runStatus !== 'running' || runId === null) return
      try {
        await api.stop({ id: runId })
      } catch (error) {
        if (get().runId === runId) set({ runRequestError: `Stop failed: ${messageOf(error)}` })
      }
    },
  })
