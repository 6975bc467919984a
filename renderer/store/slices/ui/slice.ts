import { STORAGE_KEYS, readJson, writeJson } from '../../../persistence/storage'
import { isThemePreference } from '../../../theme/theme'
import type { SliceCreator, StoreDeps } from '../../store-types'
import { DEFAULT_PANE_SIZES, clampFraction, parsePaneSizes } from './pane-sizes'
import { isInjectedFaultAlert, isLessonAlert, liveToasts, mergeAlerts } from './toasts'
import type { UiSlice } from './types'

export const createUiSlice =
  ({ storage, now }: StoreDeps): SliceCreator<UiSlice> =>
  (set, get) => {
    let nextToastId = 1
    return {
      view: 'playground',
      setView: (view) => set({ view }),
      resultTab: 'result',
      setResultTab: (resultTab) => set({ resultTab }),
      themePreference:
        readJson(storage, STORAGE_KEYS.theme, (value) =>
          isThemePreference(value) ? value : null,
        ) ?? 'system',
      paneSizes: readJson(storage, STORAGE_KEYS.paneSizes, parsePaneSizes) ?? DEFAULT_PANE_SIZES,
      settingsOpen: false,
      examplesOpen: false,
      eventFilter: 'all',
      selectedEventSeq: null,
      toasts: [],
      gateTab: 'events',
      tabMovesFocus: false,
      consoleFilter: {
        text: '',
        levels: { log: true, info: true, warn: true, error: true, debug: true },
      },

      setThemePreference: (themePreference) => {
        set({ themePreference })
        writeJson(storage, STORAGE_KEYS.theme, themePreference)
      },
      setPaneSize: (name, fraction) => {
        const paneSizes = { ...get().paneSizes, [name]: clampFraction(fraction) }
        set({ paneSizes })
        writeJson(storage, STORAGE_KEYS.paneSizes, paneSizes)
      },
      resetPaneSize: (name) => get().setPaneSize(name, DEFAULT_PANE_SIZES[name]),
      setSettingsOpen: (settingsOpen) => set({ settingsOpen }),
      setExamplesOpen: (examplesOpen) => set({ examplesOpen }),
      setEventFilter: (eventFilter) => set({ eventFilter }),
      selectEvent: (selectedEventSeq) => set({ selectedEventSeq }),

      noteAlerts: (alerts) => {
        const at = now()
        const { lastFault, lessonAttempts } = get()
        const lessonRunIds = new Set(
          Object.values(lessonAttempts).flatMap((attempt) => attempt.runs.map((run) => run.runId)),
        )
        const alarming = alerts.filter(
          (alert) =>
            !isInjectedFaultAlert(alert, lastFault, at) && !isLessonAlert(alert, lessonRunIds),
        )
        if (alarming.length === 0) return
        const merged = mergeAlerts(liveToasts(get().toasts, at), alarming, at, nextToastId)
        nextToastId = merged.nextId
        set({ toasts: merged.toasts })
      },
      dismissToast: (id) => set({ toasts: get().toasts.filter((toast) => toast.id !== id) }),
      expireToasts: () => {
        const { toasts } = get()
        const live = liveToasts(toasts, now())
        if (live.length !== toasts.length) set({ toasts: live })
      },
      openToast: (id) => {
        const toast = get().toasts.find((t) => t.id === id)
        if (!toast) return
        set({
          gateTab: 'events',
          eventFilter: toast.kind === 'timeout' ? 'timeouts' : 'panics',
          selectedEventSeq: toast.latestSeq,
          toasts: get().toasts.filter((t) => t.id !== id),
        })
      },

      setGateTab: (gateTab) => set({ gateTab }),
      setTabMovesFocus: (tabMovesFocus) => set({ tabMovesFocus }),

      setConsoleText: (text) => set({ consoleFilter: { ...get().consoleFilter, text } }),
      toggleConsoleLevel: (level) => {
        const { consoleFilter } = get()
        set({
          consoleFilter: {
            ...consoleFilter,
            levels: { ...consoleFilter.levels, [level]: !consoleFilter.levels[level] },
          },
        })
      },
    }
  }
