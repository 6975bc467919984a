import { parseStressReport } from '../../../../src/engine/stress/report-file'
import type { GatehouseApi } from '../../../../src/protocol/api'
import type { Store } from '../../store-types'
import { describeError } from './describe-error'
import type { OpenedRun, StressSlice } from './types'

type SetState = (partial: Partial<Store>) => void
type GetState = () => Store

type SavedRunsActions = Pick<
  StressSlice,
  | 'refreshSavedRuns'
  | 'saveStressRun'
  | 'openSavedRun'
  | 'compareSavedRuns'
  | 'dismissSavedRunsMessage'
>

/** Why a run could not be shown, and that nothing was changed by trying. */
class UnreadableRun extends Error {
  override readonly name = 'UnreadableRun'
}

/**
 * Saving, listing, opening and comparing saved runs. A file that cannot be
 * shown (damaged, not a report, from a newer Gatehouse) leaves the view as
 * it was and the file untouched, and says which file and why.
 */
export function savedRunsActions(
  api: GatehouseApi,
  set: SetState,
  get: GetState,
): SavedRunsActions {
  /** Reads one saved run; null when the user cancelled the dialog. */
  const read = async (name?: string): Promise<OpenedRun | null> => {
    const opened = await api.openSavedRun(name === undefined ? {} : { name })
    if (opened.status === 'cancelled') return null
    const parsed = parseStressReport(opened.text)
    if (!parsed.ok)
      throw new UnreadableRun(
        `${opened.name} cannot be shown: it is ${parsed.reason}. The file was left as it is.`,
      )
    return { name: opened.name, report: parsed.report }
  }

  const attempt = async (busy: string, action: () => Promise<void>) => {
    if (get().savedRunsBusy) return
    set({ savedRunsBusy: busy, savedRunsError: null, savedRunsNotice: null })
    try {
      await action()
    } catch (error) {
      set({
        savedRunsError: error instanceof UnreadableRun ? error.message : describeError(error),
      })
    } finally {
      set({ savedRunsBusy: null })
    }
  }

  return {
    refreshSavedRuns: async () => {
      try {
        set({ savedRuns: await api.listSavedRuns({}) })
      } catch (error) {
        set({ savedRunsError: `Could not list the saved runs: ${describeError(error)}` })
      }
    },

    saveStressRun: (stressId) =>
      attempt('Saving…', async () => {
        const saved = await api.saveRun({ stressId })
        if (saved.status === 'cancelled') return
        set({ savedRunsNotice: `Saved ${stressId} as ${saved.name}` })
        await get().refreshSavedRuns()
      }),

    openSavedRun: (name) =>
      attempt('Opening…', async () => {
        const run = await read(name)
        if (run) set({ stressView: { kind: 'saved', run } })
      }),

    compareSavedRuns: (names) =>
      attempt('Opening…', async () => {
        const a = await read(names?.[0])
        if (!a) return
        const b = await read(names?.[1])
        if (!b) return
        set({ stressView: { kind: 'saved-compare', a, b } })
      }),

    dismissSavedRunsMessage: () => set({ savedRunsError: null, savedRunsNotice: null }),
  }
}
